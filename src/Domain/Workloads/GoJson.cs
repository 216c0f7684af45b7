using System.Globalization;
using System.Text;

namespace Emulator.Domain.Workloads;

/// <summary>
/// encoding/json's output for a map[string]string, byte for byte: keys sorted, compact, and Go's escaping (HTML
/// characters &lt; &gt; &amp; as \u003c \u003e \u0026, U+2028/2029 escaped, other non-ASCII left as UTF-8).
/// </summary>
public static class GoJson
{
    public static string Map(IReadOnlyDictionary<string, string> map)
    {
        var sb = new StringBuilder("{");
        var first = true;
        foreach (var (key, value) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!first) sb.Append(',');
            first = false;
            String(sb, key);
            sb.Append(':');
            String(sb, value);
        }
        return sb.Append('}').ToString();
    }

    private static void String(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '<' or '>' or '&' or '\u2028' or '\u2029' or < ' ':
                    sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default: sb.Append(c); break;
            }
        }
        sb.Append('"');
    }
}
