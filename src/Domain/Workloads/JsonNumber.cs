using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Emulator.Domain.Workloads;

/// <summary>
/// Reads a JSON number whatever CLR type backs the node: parsed (JsonElement) and in-process values (int, long)
/// alike. JsonValue.TryGetValue&lt;long&gt; fails on a node created from an int, so controllers never use it directly.
/// </summary>
public static class JsonNumber
{
    public static long? Long(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number
        && long.TryParse(v.ToJsonString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    public static int Int(JsonNode? node, int fallback) => Long(node) is { } n ? (int)Math.Clamp(n, int.MinValue, int.MaxValue) : fallback;
}
