namespace Emulator.E2E.Tests.Harness;

/// <summary>The real helm, pointed at one emulator through its kubeconfig, with HOME and helm's folders kept private.</summary>
public sealed class Helm(EmulatorProcess emulator, ClientHome home)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public Task<CommandResult> RunAsync(params string[] arguments) => RunAsync(arguments, stdin: null);

    public Task<CommandResult> RunAsync(IEnumerable<string> arguments, string? stdin, TimeSpan? timeout = null) =>
        ProcessRunner.RunAsync(Command(arguments), stdin, timeout ?? DefaultTimeout, emulator.RecentOutput);

    public RunningCommand Start(params string[] arguments) => RunningCommand.Start(Command(arguments), emulator.RecentOutput);

    private ToolCommand Command(IEnumerable<string> arguments) =>
        new(RepoPaths.Tool("helm"), ["--kubeconfig", emulator.KubeconfigPath, .. arguments], home.Environment);
}
