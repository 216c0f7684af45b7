using System.Text.RegularExpressions;
using Emulator.E2E.Tests.Harness;

namespace Emulator.E2E.Tests.Dns;

/// <summary>What dig printed, read the way a person reads it: the status, the flags and the record sections.</summary>
public sealed partial record DigResult(CommandResult Command, string Status, IReadOnlyList<string> Flags,
    IReadOnlyList<string> Answer, IReadOnlyList<string> Authority, IReadOnlyList<string> Additional)
{
    public static DigResult Parse(CommandResult command)
    {
        var status = HeaderStatus().Match(command.Stdout) is { Success: true } m ? m.Groups[1].Value : "";
        var flags = FlagsLine().Match(command.Stdout) is { Success: true } f ? f.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
        return new DigResult(command, status, flags, Section(command.Stdout, "ANSWER"), Section(command.Stdout, "AUTHORITY"),
            Section(command.Stdout, "ADDITIONAL"));
    }

    /// <summary>The record data (after name, TTL, class and type) of each answer of one type, e.g. the A addresses.</summary>
    public IReadOnlyList<string> AnswerData(string type) =>
        [.. Answer.Select(line => line.Split(' ', 5)).Where(p => p.Length == 5 && p[3] == type).Select(p => p[4]).Order(StringComparer.Ordinal)];

    public string Describe() => Command.Describe();

    private static List<string> Section(string stdout, string name)
    {
        List<string> lines = [];
        var inSection = false;
        foreach (var raw in stdout.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith($";; {name} SECTION:", StringComparison.Ordinal))
            {
                inSection = true;
                continue;
            }
            if (!inSection) continue;
            if (line.Length == 0 || line.StartsWith(";;", StringComparison.Ordinal)) break;
            lines.Add(Whitespace().Replace(line.Trim(), " "));
        }
        return lines;
    }

    [GeneratedRegex(@"->>HEADER<<- opcode: \w+, status: (\w+),")]
    private static partial Regex HeaderStatus();

    [GeneratedRegex(@";; flags: ([a-z ]+);")]
    private static partial Regex FlagsLine();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
