using Emulator.E2E.Tests.Harness;

namespace Emulator.E2E.Tests.Kubelet;

/// <summary>The real curl against a pod IP, as a user on the node would run it.</summary>
public static class Curl
{
    public static Task<CommandResult> RunAsync(params string[] arguments) =>
        ProcessRunner.RunAsync(new ToolCommand("curl", ["-sS", "--max-time", "20", "--noproxy", "*", .. arguments], new Dictionary<string, string?>()),
            null, TimeSpan.FromSeconds(30), () => "");
}
