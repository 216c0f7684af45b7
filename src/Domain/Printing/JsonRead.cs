using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Emulator.Domain.Printing;

/// <summary>
/// Tolerant readers for the printers: an absent or mistyped field reads as Go's zero value, which is what the
/// real printers see after decoding into the internal types.
/// </summary>
internal static class JsonRead
{
    public static string Str(JsonNode? node, string name) =>
        node is JsonObject o && o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";

    public static string? StrOrNull(JsonNode? node, string name) =>
        node is JsonObject o && o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static long Int(JsonNode? node, string name) =>
        node is JsonObject o && o[name] is JsonValue v && v.GetValueKind() == JsonValueKind.Number
        && decimal.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? (long)d
            : 0;

    public static bool Bool(JsonNode? node, string name) =>
        node is JsonObject o && o[name] is JsonValue v && v.GetValueKind() == JsonValueKind.True;

    public static bool Has(JsonNode? node, string name) =>
        node is JsonObject o && o[name] is not null;

    public static JsonObject? Obj(JsonNode? node, string name) => node is JsonObject o ? o[name] as JsonObject : null;

    public static IEnumerable<JsonNode> Arr(JsonNode? node, string name) =>
        node is JsonObject o && o[name] is JsonArray a ? a.OfType<JsonNode>() : [];

    /// <summary>len() of a map or slice field.</summary>
    public static int Count(JsonNode? node, string name) => (node as JsonObject)?[name] switch
    {
        JsonObject map => map.Count,
        JsonArray list => list.Count,
        _ => 0,
    };
}
