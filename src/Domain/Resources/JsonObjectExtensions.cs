using System.Text.Json.Nodes;

namespace Emulator.Domain.Resources;

/// <summary>Small accessors for the metadata of objects held as JSON.</summary>
public static class JsonObjectExtensions
{
    public static JsonObject Meta(this JsonObject obj)
    {
        if (obj["metadata"] is JsonObject meta) return meta;
        meta = new JsonObject();
        obj["metadata"] = meta;
        return meta;
    }

    public static string? Str(this JsonNode? node, string name) =>
        node is JsonObject o && o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static string Name(this JsonObject obj) => obj.Meta().Str("name") ?? "";

    public static string? Namespace(this JsonObject obj) => obj.Meta().Str("namespace");

    public static string? ResourceVersion(this JsonObject obj) => obj.Meta().Str("resourceVersion");

    public static IReadOnlyDictionary<string, string> Labels(this JsonObject obj) => StringMap(obj.Meta()["labels"]);

    public static IReadOnlyDictionary<string, string> StringMap(JsonNode? node)
    {
        if (node is not JsonObject map) return new Dictionary<string, string>();
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in map)
            if (value is JsonValue v && v.TryGetValue<string>(out var s)) result[key] = s;
        return result;
    }

    /// <summary>Reads a dotted path such as "spec.nodeName" or "involvedObject.kind"; null when absent or not a scalar.</summary>
    public static string? PathValue(this JsonObject obj, string path)
    {
        JsonNode? node = obj;
        foreach (var part in path.Split('.'))
        {
            node = node is JsonObject o ? o[part] : null;
            if (node is null) return null;
        }
        return node is JsonValue value ? value.ToString() : null;
    }
}
