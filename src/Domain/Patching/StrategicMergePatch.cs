using System.Text.Json.Nodes;
using Emulator.Domain.OpenApi;

namespace Emulator.Domain.Patching;

/// <summary>
/// Strategic merge patch as the apiserver applies it (apimachinery pkg/util/strategicpatch/patch.go, mergeMap and
/// mergeSlice): maps merge and <c>null</c> deletes as in RFC 7386, but lists whose field is tagged
/// <c>patchStrategy:"merge"</c> merge element by element on their <c>patchMergeKey</c> (or as sets for primitive
/// lists), and the directives <c>$patch</c>, <c>$retainKeys</c>, <c>$setElementOrder/…</c> and
/// <c>$deleteFromPrimitiveList/…</c> steer the merge. Untagged lists are replaced whole.
/// </summary>
public static class StrategicMergePatch
{
    private const string Directive = "$patch";
    private const string RetainKeys = "$retainKeys";
    private const string SetElementOrderPrefix = "$setElementOrder/";
    private const string DeleteFromPrimitiveListPrefix = "$deleteFromPrimitiveList/";

    /// <summary>Returns <paramref name="original"/> with <paramref name="patch"/> applied; neither input is changed.</summary>
    public static JsonObject Apply(JsonObject original, JsonObject patch, TypeSchema schema) =>
        MergeMap((JsonObject)original.DeepClone(), patch, schema);

    private static JsonObject MergeMap(JsonObject original, JsonObject patch, TypeSchema schema)
    {
        if (patch.TryGetPropertyValue(Directive, out var directive))
        {
            switch (DirectiveName(directive))
            {
                case "replace":
                {
                    var replaced = (JsonObject)patch.DeepClone();
                    replaced.Remove(Directive);
                    return replaced;
                }
                case "delete":
                    return new JsonObject();
                default:
                    throw new PatchException($"Unknown patch type: {DirectiveName(directive)} in map: {patch.ToJsonString()}");
            }
        }

        if (patch.TryGetPropertyValue(RetainKeys, out var retain))
        {
            if (retain is not JsonArray keys) throw new PatchException($"invalid patch: {RetainKeys} must be a list of strings");
            var keep = keys.Select(k => k?.GetValue<string>()).ToHashSet();
            foreach (var key in original.Select(p => p.Key).Where(k => !keep.Contains(k)).ToList()) original.Remove(key);
        }

        foreach (var (key, value) in patch)
        {
            if (key is Directive or RetainKeys || key.StartsWith(SetElementOrderPrefix, StringComparison.Ordinal)) continue;
            if (key.StartsWith(DeleteFromPrimitiveListPrefix, StringComparison.Ordinal))
            {
                DeleteFromPrimitiveList(original, key[DeleteFromPrimitiveListPrefix.Length..], value);
                continue;
            }
            if (value is null)
            {
                original.Remove(key);
                continue;
            }
            var (childSchema, meta) = Child(schema, key);
            var current = original[key];
            original[key] = current is null || current.GetValueKind() != value.GetValueKind()
                ? MergeValue(null, value, childSchema, meta)
                : MergeValue(current.DeepClone(), value, childSchema, meta);
        }

        foreach (var (key, value) in patch)
        {
            if (!key.StartsWith(SetElementOrderPrefix, StringComparison.Ordinal)) continue;
            var field = key[SetElementOrderPrefix.Length..];
            if (value is not JsonArray order) throw new PatchException($"invalid patch: {key} must be a list");
            if (original[field] is JsonArray list) original[field] = Reorder(list, order, Child(schema, field).Meta.MergeKey);
        }
        return original;
    }

    private static JsonNode? MergeValue(JsonNode? original, JsonNode patch, TypeSchema schema, PatchMeta meta) => patch switch
    {
        JsonObject map => MergeMap(original as JsonObject ?? new JsonObject(), map, schema),
        JsonArray list when meta.Merges => MergeList(original as JsonArray ?? [], list, schema.Items ?? TypeSchema.Any, meta),
        JsonArray list => StripDirectives(list),
        _ => patch.DeepClone(),
    };

    private static JsonArray MergeList(JsonArray original, JsonArray patch, TypeSchema items, PatchMeta meta)
    {
        var directives = patch.OfType<JsonObject>().Where(o => o.ContainsKey(Directive)).ToList();
        if (directives.Any(d => DirectiveName(d[Directive]) == "replace"))
            return StripDirectives(new JsonArray([.. patch.Where(e => e is not JsonObject o || !o.ContainsKey(Directive)).Select(e => e?.DeepClone())]));

        var key = meta.MergeKey;
        var result = new JsonArray([.. original.Select(e => e?.DeepClone())]);
        foreach (var d in directives)
        {
            var name = DirectiveName(d[Directive]);
            if (name == "merge") continue;
            if (name != "delete") throw new PatchException($"Unknown patch type: {name} in map: {d.ToJsonString()}");
            if (key is null)
                throw new PatchException($"map: {GoMap(d)} does not contain declared merge key: ");
            var value = d[key] ?? throw new PatchException($"map: {GoMap(d)} does not contain declared merge key: {key}");
            for (var i = result.Count - 1; i >= 0; i--)
                if (result[i] is JsonObject o && JsonNode.DeepEquals(o[key], value)) result.RemoveAt(i);
        }

        foreach (var element in patch)
        {
            if (element is JsonObject o && o.ContainsKey(Directive)) continue;
            if (element is JsonObject item && key is not null)
            {
                var value = item[key] ?? throw new PatchException($"map: {GoMap(item)} does not contain declared merge key: {key}");
                var index = IndexOf(result, e => e is JsonObject existing && JsonNode.DeepEquals(existing[key], value));
                if (index >= 0) result[index] = MergeMap((JsonObject)result[index]!.DeepClone(), item, items);
                else result.Add(MergeMap(new JsonObject(), item, items));
            }
            else if (element is not JsonObject and not JsonArray)
            {
                // Primitive lists with the merge strategy are sets: keep the server's order and add what is new.
                if (IndexOf(result, e => JsonNode.DeepEquals(e, element)) < 0) result.Add(element?.DeepClone());
            }
            else
            {
                result.Add(element.DeepClone());
            }
        }
        return result;
    }

    private static void DeleteFromPrimitiveList(JsonObject original, string field, JsonNode? values)
    {
        if (values is not JsonArray remove) throw new PatchException($"invalid patch: {DeleteFromPrimitiveListPrefix}{field} must be a list");
        if (original[field] is not JsonArray list) return;
        for (var i = list.Count - 1; i >= 0; i--)
            if (remove.Any(r => JsonNode.DeepEquals(r, list[i]))) list.RemoveAt(i);
    }

    /// <summary>
    /// Puts the elements named by <c>$setElementOrder</c> in that order; elements only the server has (added by someone
    /// else) follow, in their existing order (patch.go normalizeElementOrder keeps them relative to their neighbours).
    /// </summary>
    private static JsonArray Reorder(JsonArray list, JsonArray order, string? mergeKey)
    {
        JsonNode? KeyOf(JsonNode? node) => mergeKey is not null && node is JsonObject o ? o[mergeKey] : node;
        var remaining = list.Select(e => e?.DeepClone()).ToList();
        var ordered = new JsonArray();
        foreach (var o in order)
        {
            var wanted = KeyOf(o);
            var index = remaining.FindIndex(e => JsonNode.DeepEquals(KeyOf(e), wanted));
            if (index < 0) continue;
            ordered.Add(remaining[index]);
            remaining.RemoveAt(index);
        }
        foreach (var rest in remaining) ordered.Add(rest);
        return ordered;
    }

    private static JsonArray StripDirectives(JsonArray list) =>
        new([.. list.Select(e => e is JsonObject o ? MergeMap(new JsonObject(), o.ContainsKey(Directive) && DirectiveName(o[Directive]) == "merge" ? Without(o, Directive) : o, TypeSchema.Any) : e?.DeepClone())]);

    private static JsonObject Without(JsonObject o, string key)
    {
        var copy = (JsonObject)o.DeepClone();
        copy.Remove(key);
        return copy;
    }

    private static (TypeSchema Schema, PatchMeta Meta) Child(TypeSchema schema, string key) => schema.Kind switch
    {
        SchemaKind.Object when schema.Field(key) is { } f => (f.Schema, f.Patch),
        SchemaKind.Map => (schema.Items ?? TypeSchema.Any, PatchMeta.None),
        _ => (TypeSchema.Any, PatchMeta.None),
    };

    private static int IndexOf(JsonArray list, Func<JsonNode?, bool> match)
    {
        for (var i = 0; i < list.Count; i++) if (match(list[i])) return i;
        return -1;
    }

    private static string? DirectiveName(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node?.ToJsonString();

    /// <summary>Go's %v of a map[string]interface{}, as the real error messages print the offending element.</summary>
    private static string GoMap(JsonObject o) =>
        "map[" + string.Join(" ", o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}:{(p.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : p.Value?.ToJsonString())}")) + "]";
}
