using System.Globalization;
using System.Text;

namespace Emulator.Domain.Kubelet.Shell;

/// <summary>printf FORMAT ARGS: %s %d %i %%, \n \t escapes; the format is reused while arguments remain.</summary>
public static class ShellPrintf
{
    public static string Format(List<string> args)
    {
        if (args.Count == 0) return "";
        var format = args[0];
        var rest = args.Skip(1).ToList();
        var sb = new StringBuilder();
        var next = 0;
        do
        {
            var consumed = false;
            for (var i = 0; i < format.Length; i++)
            {
                var c = format[i];
                if (c == '\\' && i + 1 < format.Length)
                {
                    var e = format[++i];
                    sb.Append(e switch { 'n' => '\n', 't' => '\t', '\\' => '\\', _ => e });
                }
                else if (c == '%' && i + 1 < format.Length)
                {
                    var f = format[++i];
                    if (f == '%') { sb.Append('%'); continue; }
                    var arg = next < rest.Count ? rest[next++] : "";
                    consumed = true;
                    sb.Append(f is 'd' or 'i' ? (long.TryParse(arg, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0).ToString(CultureInfo.InvariantCulture) : arg);
                }
                else sb.Append(c);
            }
            if (!consumed) break;
        } while (next < rest.Count);
        return sb.ToString();
    }
}
