using System.Text.Json.Nodes;
using Emulator.Domain.OpenApi;

namespace Emulator.Domain.Patching.Apply;

/// <summary>
/// Fields of an applied configuration its schema does not declare, as structured-merge-diff's typed conversion names
/// them (<c>.spec.template.spec.containers[name="nginx"].imagee: field not declared in schema</c>). Server-side apply
/// refuses them whatever fieldValidation says: the configuration must convert to the type before anything merges.
/// </summary>
public static class UndeclaredFields
{
    public static IReadOnlyList<string> Find(JsonObject applied, TypeSchema schema)
    {
        var found = new List<string>();
        Walk(applied, schema, [], found);
        return found;
    }

    private static void Walk(JsonObject o, TypeSchema schema, List<string> path, List<string> found)
    {
        foreach (var (key, value) in o)
        {
            if (schema.Field(key) is not { } field)
            {
                found.Add(FieldPaths.Display([.. path, "f:" + key]));
                continue;
            }
            path.Add("f:" + key);
            Value(value, field.Schema, field.Patch, path, found);
            path.RemoveAt(path.Count - 1);
        }
    }

    private static void Value(JsonNode? value, TypeSchema schema, PatchMeta meta, List<string> path, List<string> found)
    {
        switch (schema.Kind)
        {
            case SchemaKind.Object when value is JsonObject o:
                Walk(o, schema, path, found);
                break;
            case SchemaKind.Map when value is JsonObject m && schema.Items is { } values:
                foreach (var (k, v) in m)
                {
                    path.Add("f:" + k);
                    Value(v, values, PatchMeta.None, path, found);
                    path.RemoveAt(path.Count - 1);
                }
                break;
            case SchemaKind.Array when value is JsonArray a && schema.Items is { } items:
                for (var i = 0; i < a.Count; i++)
                {
                    path.Add(meta.ListType == "map" && meta.ListMapKeys is { Count: > 0 } keys && a[i] is JsonObject item
                        ? FieldPaths.KeyElement(item, keys)
                        : meta.ListType == "set" ? "v:" + (a[i]?.ToJsonString() ?? "null") : "i:" + i);
                    Value(a[i], items, PatchMeta.None, path, found);
                    path.RemoveAt(path.Count - 1);
                }
                break;
        }
    }
}
