using System.Globalization;

namespace Emulator.Domain.Kubelet.Shell;

/// <summary>test / [ ]: file tests against the container's files, string and integer comparisons, !.</summary>
public static class ShellTest
{
    public static bool Evaluate(IReadOnlyList<string> args, IReadOnlyDictionary<string, string> files)
    {
        if (args.Count > 0 && args[0] == "!") return !Evaluate(args.Skip(1).ToList(), files);
        switch (args.Count)
        {
            case 0: return false;
            case 1: return args[0].Length > 0;
            case 2:
                return args[0] switch
                {
                    "-z" => args[1].Length == 0, "-n" => args[1].Length > 0,
                    "-e" or "-f" or "-r" or "-s" => files.TryGetValue(args[1], out var c) && (args[0] != "-s" || c.Length > 0),
                    "-d" => args[1] is "/" or "/tmp" or "/etc" or "/var" or "/root",
                    _ => false,
                };
            default:
                var (a, op, b) = (args[0], args[1], args[2]);
                long.TryParse(a, NumberStyles.Integer, CultureInfo.InvariantCulture, out var x);
                long.TryParse(b, NumberStyles.Integer, CultureInfo.InvariantCulture, out var y);
                return op switch
                {
                    "=" or "==" => a == b, "!=" => a != b, "-eq" => x == y, "-ne" => x != y, "-lt" => x < y, "-le" => x <= y,
                    "-gt" => x > y, "-ge" => x >= y, _ => false,
                };
        }
    }
}
