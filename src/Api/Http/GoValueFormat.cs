using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Emulator.Api.Http;

/// <summary>
/// Go's <c>fmt.Sprintf("%+v", v)</c> of a decoded JSON value (map[string]interface{} with int64/float64 numbers), as
/// the apiserver quotes a strategic merge patch in its errors: <c>map[spec:map[replicas:2]]</c>, keys sorted.
/// </summary>
public static class GoValueFormat
{
    public static string Format(JsonNode? node)
    {
        var sb = new StringBuilder();
        Append(sb, node);
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, JsonNode? node)
    {
        switch (node)
        {
            case null:
                sb.Append("<nil>");
                break;
            case JsonObject o:
                sb.Append("map[");
                var first = true;
                foreach (var (k, v) in o.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (!first) sb.Append(' ');
                    first = false;
                    sb.Append(k).Append(':');
                    Append(sb, v);
                }
                sb.Append(']');
                break;
            case JsonArray a:
                sb.Append('[');
                for (var i = 0; i < a.Count; i++)
                {
                    if (i > 0) sb.Append(' ');
                    Append(sb, a[i]);
                }
                sb.Append(']');
                break;
            case JsonValue v:
                switch (v.GetValueKind())
                {
                    case JsonValueKind.String: sb.Append(v.GetValue<string>()); break;
                    case JsonValueKind.True: sb.Append("true"); break;
                    case JsonValueKind.False: sb.Append("false"); break;
                    case JsonValueKind.Number: sb.Append(Number(v.ToJsonString())); break;
                    default: sb.Append(v.ToJsonString()); break;
                }
                break;
        }
    }

    // kjson.UnmarshalStrict keeps integers as int64; anything else is a float64, printed as %v prints it (%g, shortest).
    private static string Number(string literal)
    {
        if (!literal.Contains('.') && !literal.Contains('e') && !literal.Contains('E') && long.TryParse(literal, CultureInfo.InvariantCulture, out var l))
            return l.ToString(CultureInfo.InvariantCulture);
        var d = double.Parse(literal, CultureInfo.InvariantCulture);
        if (d == 0) return "0";
        var r = d.ToString("E16", CultureInfo.InvariantCulture);
        var shortest = Math.Abs(d).ToString("R", CultureInfo.InvariantCulture);
        var exp = int.Parse(r[(r.IndexOf('E') + 1)..], CultureInfo.InvariantCulture);
        var digits = shortest.Replace(".", "").TrimStart('0');
        var e = shortest.IndexOf('E');
        if (e >= 0) digits = shortest[..e].Replace(".", "").TrimStart('0');
        digits = digits.TrimEnd('0');
        if (digits.Length == 0) digits = "0";
        var sign = d < 0 ? "-" : "";
        // strconv 'g' with the shortest precision switches to an exponent at 1e+06 and below 1e-04.
        if (exp < -4 || exp >= 6)
        {
            var mantissa = digits.Length > 1 ? $"{digits[0]}.{digits[1..]}" : digits;
            return $"{sign}{mantissa}e{(exp < 0 ? "-" : "+")}{Math.Abs(exp):00}";
        }
        return sign + Math.Abs(d).ToString("0.####################", CultureInfo.InvariantCulture);
    }
}
