using Emulator.E2E.Tests.Harness;

namespace Emulator.E2E.Tests.Apply;

/// <summary>
/// kubectl with a scripted KUBE_EDITOR (a shell script given the temp file to change), for <c>kubectl edit</c>;
/// the shared Kubectl runner has no way to add environment variables.
/// </summary>
public static class EditorCommand
{
    public static async Task<CommandResult> EditAsync(EmulatorProcess emulator, string sedExpression, params string[] arguments)
    {
        var home = TempDirs.Create("emulator-e2e-edit");
        try
        {
            var script = Path.Combine(home, "editor.sh");
            await File.WriteAllTextAsync(script, $"#!/bin/sh\nsed -i '{sedExpression}' \"$1\"\n");
            var command = new ToolCommand(RepoPaths.Tool("kubectl"),
                ["--kubeconfig", emulator.KubeconfigPath, "--cache-dir", Path.Combine(home, "cache"), "edit", .. arguments],
                new Dictionary<string, string?> { ["HOME"] = home, ["KUBECONFIG"] = null, ["KUBE_EDITOR"] = $"sh {script}", ["EDITOR"] = null });
            return await ProcessRunner.RunAsync(command, null, Kubectl.DefaultTimeout, emulator.RecentOutput);
        }
        finally
        {
            TempDirs.TryDelete(home);
        }
    }
}
