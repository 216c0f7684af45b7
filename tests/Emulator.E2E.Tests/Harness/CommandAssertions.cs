using System.Text.RegularExpressions;
using Xunit.Sdk;

namespace Emulator.E2E.Tests.Harness;

/// <summary>
/// Assertions on what a client printed. Each failure shows the command, both output streams and the emulator's
/// recent log, because "expected true" says nothing about why kubectl disagreed.
/// </summary>
public static class CommandAssertions
{
    public static CommandResult Succeeds(this CommandResult result)
    {
        if (result.TimedOut || result.ExitCode != 0)
        {
            throw new XunitException($"Expected exit code 0.\n{result.Describe()}");
        }

        return result;
    }

    public static CommandResult FailsWith(this CommandResult result, int exitCode)
    {
        if (result.TimedOut || result.ExitCode != exitCode)
        {
            throw new XunitException($"Expected exit code {exitCode}.\n{result.Describe()}");
        }

        return result;
    }

    /// <summary>Stdout is exactly <paramref name="expected"/> (kubectl prints jsonpath and go-template output without a newline).</summary>
    public static CommandResult PrintsExactly(this CommandResult result, string expected)
    {
        if (result.Stdout != expected)
        {
            throw new XunitException($"Expected stdout to be exactly \"{expected}\".\n{result.Describe()}");
        }

        return result;
    }

    public static CommandResult PrintsLine(this CommandResult result, string pattern) =>
        HasLine(result, result.StdoutLines, "stdout", pattern);

    public static CommandResult PrintsErrorLine(this CommandResult result, string pattern) =>
        HasLine(result, result.StderrLines, "stderr", pattern);

    public static CommandResult DoesNotPrintLine(this CommandResult result, string pattern)
    {
        var regex = new Regex(pattern, RegexOptions.CultureInvariant);
        if (result.StdoutLines.FirstOrDefault(regex.IsMatch) is { } line)
        {
            throw new XunitException($"Expected no stdout line matching /{pattern}/, but found \"{line}\".\n{result.Describe()}");
        }

        return result;
    }

    /// <summary>The first stdout line (the table header, for human-readable output) matches <paramref name="pattern"/>.</summary>
    public static CommandResult PrintsHeader(this CommandResult result, string pattern)
    {
        var first = result.StdoutLines.FirstOrDefault();
        if (first is null || !Regex.IsMatch(first, pattern, RegexOptions.CultureInvariant))
        {
            throw new XunitException($"Expected the first stdout line to match /{pattern}/.\n{result.Describe()}");
        }

        return result;
    }

    private static CommandResult HasLine(CommandResult result, IReadOnlyList<string> lines, string stream, string pattern)
    {
        var regex = new Regex(pattern, RegexOptions.CultureInvariant);
        if (!lines.Any(regex.IsMatch))
        {
            throw new XunitException($"Expected a {stream} line matching /{pattern}/.\n{result.Describe()}");
        }

        return result;
    }
}
