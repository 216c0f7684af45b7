namespace Emulator.E2E.Tests.Harness;

/// <summary>
/// The real kubectl, pointed at one emulator through its kubeconfig, with a private --cache-dir so discovery cached
/// by one emulator never answers for another.
/// </summary>
public sealed class Kubectl(EmulatorProcess emulator, ClientHome home)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public Task<CommandResult> RunAsync(params string[] arguments) => RunAsync(arguments, stdin: null);

    public Task<CommandResult> RunAsync(IEnumerable<string> arguments, string? stdin, TimeSpan? timeout = null) =>
        ProcessRunner.RunAsync(Command(arguments), stdin, timeout ?? DefaultTimeout, emulator.RecentOutput);

    /// <summary><c>kubectl create -f -</c>: creates the objects in a YAML or JSON manifest (sent as JSON; no OpenAPI needed).</summary>
    public Task<CommandResult> CreateFromManifestAsync(string manifest, params string[] extraArguments) =>
        RunAsync(["create", "-f", "-", .. extraArguments], manifest);

    /// <summary>Starts a long-running kubectl (a watch, a wait) whose output the test reads line by line.</summary>
    public RunningCommand Start(params string[] arguments) => RunningCommand.Start(Command(arguments), emulator.RecentOutput);

    private ToolCommand Command(IEnumerable<string> arguments) =>
        new(
            RepoPaths.Tool("kubectl"),
            ["--kubeconfig", emulator.KubeconfigPath, "--cache-dir", home.KubectlCacheDir, .. arguments],
            home.Environment);
}
