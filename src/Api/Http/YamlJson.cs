using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Emulator.Api.Http;

/// <summary>
/// YAML bodies in and out. Plain scalars are typed by the YAML 1.2 core schema (as sigs.k8s.io/yaml does via
/// JSON): true/false, null/~, integers and floats; quoted scalars stay strings.
/// </summary>
public static partial class YamlJson
{
    [GeneratedRegex(@"^[-+]?[0-9]+$")] private static partial Regex Integer();
    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")] private static partial Regex Float();

    public static JsonNode? Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.Count == 0 ? null : Convert(stream.Documents[0].RootNode);
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(p =>
            KeyValuePair.Create(((YamlScalarNode)p.Key).Value ?? "", Convert(p.Value)))),
        YamlSequenceNode seq => new JsonArray([.. seq.Children.Select(Convert)]),
        YamlScalarNode scalar => Scalar(scalar),
        _ => null,
    };

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? "";
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
            return JsonValue.Create(value);
        switch (value)
        {
            case "" or "~" or "null" or "Null" or "NULL": return null;
            case "true" or "True" or "TRUE": return JsonValue.Create(true);
            case "false" or "False" or "FALSE": return JsonValue.Create(false);
        }
        if (Integer().IsMatch(value) && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
            return JsonValue.Create(l);
        if (Float().IsMatch(value) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
            return JsonValue.Create(d);
        return JsonValue.Create(value);
    }

    /// <summary>Block-style YAML as kubectl -o yaml prints it.</summary>
    public static string Serialize(JsonNode? node)
    {
        var sb = new StringBuilder();
        Write(sb, node, 0, inSequence: false);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, JsonNode? node, int indent, bool inSequence)
    {
        var pad = new string(' ', indent);
        switch (node)
        {
            case JsonObject o when o.Count > 0:
                var first = true;
                foreach (var (key, value) in o)
                {
                    if (!(first && inSequence)) sb.Append(pad);
                    first = false;
                    sb.Append(Quote(key)).Append(':');
                    WriteValue(sb, value, indent + 2, false);
                }
                break;
            case JsonArray a when a.Count > 0:
                foreach (var item in a)
                {
                    sb.Append(pad).Append("- ");
                    if (item is JsonObject { Count: > 0 }) Write(sb, item, indent + 2, inSequence: true);
                    else if (item is JsonArray { Count: > 0 }) { sb.Append('\n'); Write(sb, item, indent + 2, false); }
                    else sb.Append(ScalarText(item)).Append('\n');
                }
                break;
            default:
                sb.Append(pad).Append(ScalarText(node)).Append('\n');
                break;
        }
    }

    private static void WriteValue(StringBuilder sb, JsonNode? value, int indent, bool _)
    {
        if (value is JsonObject { Count: > 0 }) { sb.Append('\n'); Write(sb, value, indent, false); }
        else if (value is JsonArray { Count: > 0 }) { sb.Append('\n'); Write(sb, value, indent - 2, false); }
        else sb.Append(' ').Append(ScalarText(value)).Append('\n');
    }

    private static string ScalarText(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "{}",
        JsonArray => "[]",
        JsonValue v when v.TryGetValue<string>(out var s) => Quote(s),
        _ => node.ToJsonString(),
    };

    private static string Quote(string s)
    {
        var needs = s.Length == 0 || s.Any(c => c is ':' or '#' or '\n' or '"' or '\'' or '{' or '}' or '[' or ']' or ',' or '&' or '*' or '!' or '|' or '>' or '%' or '@' or '`')
            || char.IsWhiteSpace(s[0]) || char.IsWhiteSpace(s[^1]) || s[0] is '-' or '?'
            || Scalar(new YamlScalarNode(s)) is not JsonValue v || !v.TryGetValue<string>(out _);
        return needs ? System.Text.Json.JsonSerializer.Serialize(s) : s;
    }
}
