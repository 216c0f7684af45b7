using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Emulator.Api.Http;

/// <summary>
/// YAML bodies in and out. Plain scalars are typed by the YAML 1.2 core schema (as sigs.k8s.io/yaml does via
/// JSON): true/false, null/~, integers and floats; quoted scalars stay strings.
/// </summary>
public static partial class YamlJson
{
    [GeneratedRegex(@"^[-+]?[0-9]+$")] private static partial Regex Integer();
    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")] private static partial Regex Float();

    /// <summary>
    /// Nesting limit: go-yaml refuses 10000 levels (max_flow_level / max_indents); the emulator refuses what its JSON
    /// store cannot hold (<see cref="GoJsonSyntax.MaxNestingDepth"/>), in go-yaml's words.
    /// </summary>
    public const int MaxDepth = GoJsonSyntax.MaxNestingDepth;

    /// <summary>
    /// The first document as JSON. Built from parser events with an explicit stack, so nesting costs no call stack;
    /// aliases are expanded with go-yaml's guard against alias bombs ("document contains excessive aliasing").
    /// Throws <see cref="YamlException"/> for anything go-yaml would refuse.
    /// </summary>
    public static JsonNode? Parse(string yaml) => Parse(yaml, null);

    /// <summary>
    /// As above; each repeated mapping key is added to <paramref name="repeatedKeys"/> as go-yaml's strict decoder words
    /// it (<c>line 10: key "paused" already set in map</c>, the line of the repeat). The last value is kept.
    /// </summary>
    public static JsonNode? Parse(string yaml, List<string>? repeatedKeys)
    {
        var parser = new Parser(new StringReader(yaml));
        var anchors = new Dictionary<string, (JsonNode? Node, long Size)>();
        var stack = new Stack<Frame>();
        long decodeCount = 0, aliasCount = 0;
        JsonNode? root = null;
        var done = false;
        parser.Consume<StreamStart>();
        if (parser.TryConsume<StreamEnd>(out _)) return null;
        parser.Consume<DocumentStart>();
        while (!done)
        {
            var ev = parser.Current ?? throw new YamlException("unexpected end of stream");
            parser.MoveNext();
            JsonNode? value;
            long size = 1;
            switch (ev)
            {
                case MappingStart m:
                    if (stack.Count >= MaxDepth) throw new YamlException(m.Start, m.End, $"exceeded max depth of {MaxDepth}");
                    stack.Push(new Frame(new JsonObject(), m.Anchor.IsEmpty ? null : m.Anchor.Value, decodeCount));
                    decodeCount++;
                    continue;
                case SequenceStart q:
                    if (stack.Count >= MaxDepth) throw new YamlException(q.Start, q.End, $"exceeded max depth of {MaxDepth}");
                    stack.Push(new Frame(new JsonArray(), q.Anchor.IsEmpty ? null : q.Anchor.Value, decodeCount));
                    decodeCount++;
                    continue;
                case MappingEnd or SequenceEnd:
                {
                    var frame = stack.Pop();
                    value = frame.Node;
                    size = decodeCount - frame.StartCount;
                    if (frame.Anchor is not null) anchors[frame.Anchor] = (value, size);
                    break;
                }
                case Scalar sc:
                    value = ScalarValue(sc);
                    decodeCount++;
                    if (!sc.Anchor.IsEmpty) anchors[sc.Anchor.Value] = (value, 1);
                    break;
                case AnchorAlias alias:
                    if (!anchors.TryGetValue(alias.Value.Value, out var anchored))
                        throw new YamlException(alias.Start, alias.End, $"unknown anchor '{alias.Value.Value}' referenced");
                    decodeCount += anchored.Size;
                    aliasCount += anchored.Size;
                    if (aliasCount > 100 && decodeCount > 1000 && (double)aliasCount / decodeCount > AllowedAliasRatio(decodeCount))
                        throw new YamlException(alias.Start, alias.End, "document contains excessive aliasing");
                    value = anchored.Node?.DeepClone();
                    size = anchored.Size;
                    break;
                default:
                    throw new YamlException(ev.Start, ev.End, $"unexpected {ev.GetType().Name}");
            }
            if (stack.Count == 0) { root = value; done = true; continue; }
            var top = stack.Peek();
            if (top.Node is JsonArray array) { array.Add(value); continue; }
            if (top.PendingKey is null)
            {
                // sigs.k8s.io/yaml turns scalar keys into their text; collections cannot be JSON keys.
                top.PendingKey = value switch
                {
                    null => "null",
                    JsonValue v when v.TryGetValue<string>(out var k) => k,
                    JsonValue v => v.ToJsonString(),
                    _ => throw new YamlException(ev.Start, ev.End, $"invalid map key: {value.ToJsonString()}"),
                };
                top.PendingKeyLine = ev.Start.Line;
                continue;
            }
            // go-yaml v2 keeps the last of duplicate keys.
            var target = (JsonObject)top.Node;
            if (repeatedKeys is not null && target.ContainsKey(top.PendingKey))
                repeatedKeys.Add($"line {top.PendingKeyLine}: key \"{top.PendingKey.Replace("\\", "\\\\").Replace("\"", "\\\"")}\" already set in map");
            target[top.PendingKey] = value;
            top.PendingKey = null;
        }
        return root;
    }

    // go-yaml decode.go allowedAliasRatio: the share of nodes that may come from aliases shrinks as documents grow.
    private static double AllowedAliasRatio(long decodeCount) => decodeCount switch
    {
        <= 400_000 => 0.99,
        >= 4_000_000 => 0.10,
        _ => 0.99 - 0.89 * ((decodeCount - 400_000) / 3_600_000.0),
    };

    private sealed class Frame(JsonNode node, string? anchor, long startCount)
    {
        public JsonNode Node { get; } = node;
        public string? Anchor { get; } = anchor;
        public long StartCount { get; } = startCount;
        public string? PendingKey { get; set; }
        public long PendingKeyLine { get; set; }
    }

    private static JsonNode? ScalarValue(Scalar scalar)
    {
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
            return JsonValue.Create(scalar.Value);
        return Plain(scalar.Value ?? "");
    }

    private static JsonNode? Plain(string value)
    {
        switch (value)
        {
            case "" or "~" or "null" or "Null" or "NULL": return null;
            case "true" or "True" or "TRUE": return JsonValue.Create(true);
            case "false" or "False" or "FALSE": return JsonValue.Create(false);
        }
        if (Integer().IsMatch(value) && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
            return JsonValue.Create(l);
        // A float out of double's range is not a float for go-yaml (ParseFloat fails), it stays a string; .NET would
        // give Infinity, which no JSON writer accepts (fuzzing finding).
        if (Float().IsMatch(value) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
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
            || Plain(s) is not JsonValue v || !v.TryGetValue<string>(out _);
        return needs ? System.Text.Json.JsonSerializer.Serialize(s) : s;
    }
}
