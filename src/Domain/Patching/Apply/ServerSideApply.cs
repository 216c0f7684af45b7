using System.Text.Json.Nodes;
using Emulator.Domain.OpenApi;

namespace Emulator.Domain.Patching.Apply;

/// <summary>
/// Server-side apply (apiserver fieldmanager + structured-merge-diff merge.Updater.Apply): the applied configuration is
/// merged into the live object; fields this manager applied before and no longer applies are removed unless another
/// manager owns them; fields other managers own with a different value are conflicts unless forced, and forcing
/// moves their ownership to this manager. Ownership is recorded in <c>metadata.managedFields</c>.
/// </summary>
public static class ServerSideApply
{
    public static JsonObject Apply(JsonObject? live, JsonObject applied, TypeSchema schema, string manager, bool force, string now)
    {
        // A non-string apiVersion is no version at all (the handler refuses it first; fuzzing finding for direct callers).
        var apiVersion = applied["apiVersion"] is JsonValue v && v.TryGetValue<string>(out var text) ? text : "";
        var appliedSet = FieldPaths.Of(applied, schema);
        var result = live is null ? new JsonObject() : (JsonObject)live.DeepClone();
        var entries = result["metadata"]?["managedFields"] is JsonArray existing
            ? existing.OfType<JsonObject>().Select(e => (JsonObject)e.DeepClone()).ToList()
            : [];
        var mineIndex = entries.FindIndex(e => Str(e, "manager") == manager && Str(e, "operation") == "Apply" && Str(e, "subresource") is null);

        var conflicts = new List<ApplyConflict>();
        var others = new FieldSet();
        for (var i = 0; i < entries.Count; i++)
        {
            if (i == mineIndex) continue;
            var theirs = FieldSet.FromFieldsV1(entries[i]["fieldsV1"] as JsonObject);
            var taken = new FieldSet();
            if (live is not null)
            {
                foreach (var path in appliedSet.Intersect(theirs).LeafPaths())
                {
                    if (JsonNode.DeepEquals(FieldPaths.Resolve(live, path), FieldPaths.Resolve(applied, path))) continue;
                    conflicts.Add(new ApplyConflict(Str(entries[i], "manager") ?? "", Str(entries[i], "apiVersion") ?? "", FieldPaths.Display(path)));
                    Mark(taken, path);
                }
            }
            if (force && !taken.IsEmpty)
            {
                theirs = theirs.Except(taken);
                entries[i]["fieldsV1"] = theirs.ToFieldsV1();
            }
            others = others.Union(theirs);
        }
        if (conflicts.Count > 0 && !force) throw new ApplyConflictException(conflicts);

        var previous = mineIndex >= 0 ? FieldSet.FromFieldsV1(entries[mineIndex]["fieldsV1"] as JsonObject) : new FieldSet();
        Merge(result, applied, schema);
        foreach (var path in previous.Except(appliedSet).Except(others).Paths()) FieldPaths.Remove(result, path);

        var fields = appliedSet.ToFieldsV1();
        var unchanged = mineIndex >= 0 && JsonNode.DeepEquals(entries[mineIndex]["fieldsV1"], fields) && Str(entries[mineIndex], "apiVersion") == apiVersion;
        var entry = unchanged ? entries[mineIndex] : new JsonObject
        {
            ["manager"] = manager,
            ["operation"] = "Apply",
            ["apiVersion"] = apiVersion,
            ["time"] = now,
            ["fieldsType"] = "FieldsV1",
            ["fieldsV1"] = fields,
        };
        if (mineIndex >= 0) entries[mineIndex] = entry; else entries.Add(entry);
        entries.RemoveAll(e => e["fieldsV1"] is JsonObject { Count: 0 } && !ReferenceEquals(e, entry));
        if (result["metadata"] is not JsonObject meta) result["metadata"] = meta = new JsonObject();
        meta["managedFields"] = new JsonArray([.. entries]);
        return result;
    }

    /// <summary>Merges the applied configuration into the object: maps by key, associative lists by their keys, sets by value.</summary>
    private static void Merge(JsonObject target, JsonObject applied, TypeSchema schema)
    {
        foreach (var (key, value) in applied)
        {
            if (value is null) { target.Remove(key); continue; }
            var (child, meta) = FieldPaths.Child(schema, key);
            switch (value)
            {
                case JsonObject o when target[key] is JsonObject t && child.Kind is SchemaKind.Object or SchemaKind.Map or SchemaKind.Any:
                    Merge(t, o, child);
                    break;
                case JsonArray a when target[key] is JsonArray t && meta.ListType == "map" && meta.ListMapKeys is { Count: > 0 } keys:
                    foreach (var item in a)
                    {
                        if (item is not JsonObject itemObj) { t.Add(item?.DeepClone()); continue; }
                        var present = keys.Where(k => itemObj[k] is not null).ToList();
                        var match = t.OfType<JsonObject>().FirstOrDefault(e => present.All(k => JsonNode.DeepEquals(e[k], itemObj[k])));
                        if (match is not null && present.Count > 0) Merge(match, itemObj, child.Items ?? TypeSchema.Any);
                        else t.Add(itemObj.DeepClone());
                    }
                    break;
                case JsonArray a when target[key] is JsonArray t && meta.ListType == "set":
                    foreach (var item in a)
                        if (!t.Any(e => JsonNode.DeepEquals(e, item))) t.Add(item?.DeepClone());
                    break;
                default:
                    target[key] = value.DeepClone();
                    break;
            }
        }
    }

    private static void Mark(FieldSet set, IReadOnlyList<string> path)
    {
        var node = set;
        foreach (var element in path) node = node.Child(element);
        node.Member = true;
    }

    private static string? Str(JsonObject o, string key) => o[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
