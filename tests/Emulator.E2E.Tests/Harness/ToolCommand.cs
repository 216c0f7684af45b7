using System.Diagnostics;

namespace Emulator.E2E.Tests.Harness;

/// <summary>One invocation of a real client: the binary, its arguments and the environment changes it needs.</summary>
public sealed record ToolCommand(string FileName, IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string?> Environment)
{
    /// <summary>A shell-like rendering for failure messages, so a failing command can be re-run by hand.</summary>
    public string Display => string.Join(' ', new[] { FileName }.Concat(Arguments).Select(Quote));

    public ProcessStartInfo ToStartInfo()
    {
        var info = new ProcessStartInfo(FileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in Environment)
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }

        return info;
    }

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,@".Contains(c))
            ? argument
            : $"'{argument.Replace("'", "'\\''", StringComparison.Ordinal)}'";
}
