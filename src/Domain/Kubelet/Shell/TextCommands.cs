using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Emulator.Domain.Kubelet.Shell;

/// <summary>The filters a pipe ends in: grep, head, wc, reading stdin or the script's files, with busybox's messages.</summary>
public static class TextCommands
{
    private static (string? Text, string? Error) Input(string? file, CommandIo io, IReadOnlyDictionary<string, string> files, string command)
    {
        if (file is null or "-") return (io.Stdin, null);
        return files.TryGetValue(file, out var text) ? (text, null) : (null, $"{command}: {file}: No such file or directory\n");
    }

    private static IEnumerable<string> Lines(string text)
    {
        if (text.Length == 0) yield break;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length - (text.EndsWith('\n') ? 1 : 0); i++) yield return lines[i];
    }

    /// <summary>grep [-qvicnoEFw] PATTERN [FILE...]: 0 when a line matched, 1 when none, 2 on errors.</summary>
    public static int Grep(List<string> args, CommandIo io, IReadOnlyDictionary<string, string> files)
    {
        var flags = new HashSet<char>();
        var operands = new List<string>();
        string? pattern = null;
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            if (a == "-e" && i + 1 < args.Count) { pattern = args[++i]; continue; }
            if (a.Length > 1 && a[0] == '-' && operands.Count == 0 && pattern is null) { foreach (var f in a[1..]) flags.Add(f); continue; }
            operands.Add(a);
        }
        if (pattern is null)
        {
            if (operands.Count == 0) { io.Stderr.Append("BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: grep [-HhnlLoqvsrRiwFE] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...\n"); return 2; }
            pattern = operands[0];
            operands.RemoveAt(0);
        }
        Regex regex;
        try
        {
            var expression = flags.Contains('F') ? Regex.Escape(pattern) : flags.Contains('E') ? pattern : FromBasic(pattern);
            if (flags.Contains('w')) expression = $@"\b(?:{expression})\b";
            regex = new Regex(expression, flags.Contains('i') ? RegexOptions.IgnoreCase | RegexOptions.CultureInvariant : RegexOptions.CultureInvariant,
                TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException)
        {
            io.Stderr.Append(CultureInfo.InvariantCulture, $"grep: bad regex '{pattern}'\n");
            return 2;
        }
        var matched = false;
        var error = false;
        var sources = operands.Count == 0 ? [null] : operands.Select(o => (string?)o).ToList();
        foreach (var source in sources)
        {
            var (text, problem) = Input(source, io, files, "grep");
            if (text is null) { if (!flags.Contains('s')) io.Stderr.Append(problem); error = true; continue; }
            var count = 0;
            var number = 0;
            foreach (var line in Lines(text))
            {
                number++;
                if (regex.IsMatch(line) == flags.Contains('v')) continue;
                matched = true;
                count++;
                if (flags.Contains('q')) return 0;
                if (flags.Contains('c')) continue;
                var prefix = (sources.Count > 1 ? source + ":" : "") + (flags.Contains('n') ? number.ToString(CultureInfo.InvariantCulture) + ":" : "");
                if (flags.Contains('o') && !flags.Contains('v'))
                    foreach (Match m in regex.Matches(line)) io.Stdout.Append(prefix).Append(m.Value).Append('\n');
                else io.Stdout.Append(prefix).Append(line).Append('\n');
            }
            if (flags.Contains('c')) io.Stdout.Append(sources.Count > 1 ? source + ":" : "").Append(count.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
        return error && !flags.Contains('q') ? 2 : matched ? 0 : 1;
    }

    /// <summary>POSIX basic regular expressions: \( \) \{ \} \| are the operators, bare ( ) { } | + ? are literal.</summary>
    private static string FromBasic(string pattern)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                var n = pattern[++i];
                sb.Append(n is '(' or ')' or '{' or '}' or '|' or '+' or '?' ? n.ToString() : "\\" + n);
            }
            else sb.Append(c is '(' or ')' or '{' or '}' or '|' or '+' or '?' ? "\\" + c : c.ToString());
        }
        return sb.ToString();
    }

    /// <summary>head [-n N | -N] [FILE]: the first N lines (10 by default).</summary>
    public static int Head(List<string> args, CommandIo io, IReadOnlyDictionary<string, string> files)
    {
        var count = 10;
        string? file = null;
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            if (a == "-n" && i + 1 < args.Count) a = "-" + args[++i];
            else if (a.StartsWith("-n", StringComparison.Ordinal)) a = "-" + a[2..];
            if (a.Length > 1 && a[0] == '-' && int.TryParse(a[1..], NumberStyles.None, CultureInfo.InvariantCulture, out var n)) count = n;
            else if (a.Length > 1 && a[0] == '-') { io.Stderr.Append(CultureInfo.InvariantCulture, $"head: invalid number '{a[1..]}'\n"); return 1; }
            else file = a;
        }
        var (text, problem) = Input(file, io, files, "head");
        if (text is null) { io.Stderr.Append(problem); return 1; }
        foreach (var line in Lines(text).Take(count)) io.Stdout.Append(line).Append('\n');
        return 0;
    }

    /// <summary>wc [-lwc] [FILE]: busybox prints the counts right-aligned in 7 columns, just the number for one count on stdin.</summary>
    public static int Wc(List<string> args, CommandIo io, IReadOnlyDictionary<string, string> files)
    {
        var flags = args.Where(a => a.Length > 1 && a[0] == '-').SelectMany(a => a[1..]).ToHashSet();
        var file = args.FirstOrDefault(a => a.Length <= 1 || a[0] != '-');
        var (text, problem) = Input(file, io, files, "wc");
        if (text is null) { io.Stderr.Append(problem); return 1; }
        if (flags.Count == 0) flags = ['l', 'w', 'c'];
        var counts = new List<long>();
        if (flags.Contains('l')) counts.Add(text.Count(c => c == '\n'));
        if (flags.Contains('w')) counts.Add(text.Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries).Length);
        if (flags.Contains('c')) counts.Add(Encoding.UTF8.GetByteCount(text));
        if (counts.Count == 1 && file is null) io.Stdout.Append(counts[0].ToString(CultureInfo.InvariantCulture)).Append('\n');
        else io.Stdout.Append(string.Join(" ", counts.Select(n => n.ToString(CultureInfo.InvariantCulture).PadLeft(7)))).Append(file is null ? "" : " " + file).Append('\n');
        return 0;
    }
}
