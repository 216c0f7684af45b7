using System.Text.Json.Nodes;
using Emulator.Domain.OpenApi;

namespace Emulator.Domain.Patching.Apply;

/// <summary>
/// Turns objects into field sets and walks objects along field paths, with the list semantics of the schema
/// (structured-merge-diff typed.Value: associative lists by their keys, sets by value, everything else atomic).
/// </summary>
public static class FieldPaths
{
    /// <summary>Metadata the field manager never tracks (apiserver fieldmanager/internal/stripmeta.go).</summary>
    private static readonly HashSet<string> StrippedMeta =
        ["name", "namespace", "creationTimestamp", "selfLink", "uid", "generation", "managedFields", "resourceVersion"];

    // FieldsV1 keys spell their JSON as Go's encoder does: no \u escapes for quotes, '+', '<' and the like.
    private static readonly System.Text.Json.JsonSerializerOptions Relaxed =
        new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static FieldSet Of(JsonObject obj, TypeSchema schema)
    {
        var set = new FieldSet();
        foreach (var (key, value) in obj)
        {
            if (key is "apiVersion" or "kind") continue;
            if (key == "metadata" && value is JsonObject meta)
            {
                var metaSchema = schema.Field("metadata")?.Schema ?? TypeSchema.Any;
                var metaSet = set.Child("f:metadata");
                foreach (var (mk, mv) in meta)
                    if (!StrippedMeta.Contains(mk)) AddField(metaSet, mk, mv, metaSchema);
                continue;
            }
            AddField(set, key, value, schema);
        }
        return set;
    }

    private static void AddField(FieldSet parent, string key, JsonNode? value, TypeSchema schema)
    {
        var (child, meta) = Child(schema, key);
        AddValue(parent.Child("f:" + key), value, child, meta);
    }

    private static void AddValue(FieldSet set, JsonNode? value, TypeSchema schema, PatchMeta meta)
    {
        switch (value)
        {
            case JsonObject { Count: > 0 } o when schema.Kind is SchemaKind.Object or SchemaKind.Map or SchemaKind.Any:
                foreach (var (k, v) in o) AddField(set, k, v, schema);
                break;
            case JsonArray a when meta.ListType == "map" && meta.ListMapKeys is { Count: > 0 } keys:
                foreach (var item in a.OfType<JsonObject>())
                {
                    var itemSet = set.Child(KeyElement(item, keys));
                    itemSet.Member = true;
                    foreach (var (k, v) in item) AddField(itemSet, k, v, schema.Items ?? TypeSchema.Any);
                }
                break;
            case JsonArray a when meta.ListType == "set":
                foreach (var item in a) set.Child("v:" + (item?.ToJsonString(Relaxed) ?? "null")).Member = true;
                break;
            default:
                set.Member = true;
                break;
        }
    }

    public static string KeyElement(JsonObject item, IReadOnlyList<string> keys)
    {
        var key = new JsonObject();
        foreach (var k in keys.Order(StringComparer.Ordinal))
            if (item[k] is { } v) key[k] = v.DeepClone();
        return "k:" + key.ToJsonString(Relaxed);
    }

    public static (TypeSchema Schema, PatchMeta Meta) Child(TypeSchema schema, string key) => schema.Kind switch
    {
        SchemaKind.Object when schema.Field(key) is { } f => (f.Schema, f.Patch),
        SchemaKind.Map => (schema.Items ?? TypeSchema.Any, PatchMeta.None),
        _ => (TypeSchema.Any, PatchMeta.None),
    };

    /// <summary>The value at a path, or null when the object has nothing there.</summary>
    public static JsonNode? Resolve(JsonNode? node, IReadOnlyList<string> path)
    {
        foreach (var element in path)
        {
            node = Step(node, element, out _);
            if (node is null) return null;
        }
        return node;
    }

    /// <summary>Removes what a path points at; a path that leads nowhere is ignored.</summary>
    public static void Remove(JsonObject root, IReadOnlyList<string> path)
    {
        if (path.Count == 0) return;
        var parent = Resolve(root, path.Take(path.Count - 1).ToList());
        var last = path[^1];
        switch (parent)
        {
            case JsonObject o when last.StartsWith("f:", StringComparison.Ordinal):
                o.Remove(last[2..]);
                break;
            case JsonArray a:
                Step(a, last, out var index);
                if (index >= 0) a.RemoveAt(index);
                break;
        }
    }

    private static JsonNode? Step(JsonNode? node, string element, out int index)
    {
        index = -1;
        if (element.StartsWith("f:", StringComparison.Ordinal)) return node is JsonObject o ? o[element[2..]] : null;
        if (node is not JsonArray a) return null;
        if (element.StartsWith("k:", StringComparison.Ordinal) && JsonNode.Parse(element[2..]) is JsonObject key)
            index = IndexWhere(a, e => e is JsonObject item && key.All(k => JsonNode.DeepEquals(item[k.Key], k.Value)));
        else if (element.StartsWith("v:", StringComparison.Ordinal))
        {
            var value = JsonNode.Parse(element[2..]);
            index = IndexWhere(a, e => JsonNode.DeepEquals(e, value));
        }
        else if (element.StartsWith("i:", StringComparison.Ordinal) && int.TryParse(element[2..], out var i) && i < a.Count) index = i;
        return index >= 0 ? a[index] : null;
    }

    private static int IndexWhere(JsonArray a, Func<JsonNode?, bool> match)
    {
        for (var i = 0; i < a.Count; i++) if (match(a[i])) return i;
        return -1;
    }

    /// <summary>structured-merge-diff's path spelling for conflict messages: <c>.spec.ports[port=80,protocol="TCP"].name</c>.</summary>
    public static string Display(IReadOnlyList<string> path) => string.Concat(path.Select(e => e[..2] switch
    {
        "f:" => "." + e[2..],
        "k:" => "[" + string.Join(",", ((JsonObject)JsonNode.Parse(e[2..])!).Select(p => $"{p.Key}={p.Value?.ToJsonString()}")) + "]",
        "v:" => "[=" + e[2..] + "]",
        _ => "[" + e[2..] + "]",
    }));
}
