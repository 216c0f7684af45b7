namespace Emulator.E2E.Tests.Harness;

/// <summary>
/// What a finished client printed. <see cref="ServerOutput"/> is the emulator's recent log, captured when the command
/// ended, so a failure message shows both sides.
/// </summary>
public sealed record CommandResult(string CommandLine, int ExitCode, string Stdout, string Stderr, bool TimedOut, string ServerOutput)
{
    public IReadOnlyList<string> StdoutLines => SplitLines(Stdout);

    public IReadOnlyList<string> StderrLines => SplitLines(Stderr);

    public string Describe() =>
        $"""
         command: {CommandLine}
         exit code: {(TimedOut ? "timed out (killed)" : ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture))}
         --- stdout ---
         {Stdout}
         --- stderr ---
         {Stderr}
         --- emulator output (last lines) ---
         {ServerOutput}
         """;

    internal static IReadOnlyList<string> SplitLines(string text) =>
        text.Split('\n').Select(line => line.TrimEnd('\r')).Where(line => line.Length > 0).ToArray();
}
