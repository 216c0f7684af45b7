using System.Text.Json.Nodes;

namespace Emulator.Domain.OpenApi;

/// <summary>
/// Finds fields an object carries that its Go type does not declare, as the apiserver's strict JSON decoder reports
/// them (apimachinery runtime/serializer/json, sigs.k8s.io/json UnmarshalStrict): paths like
/// <c>spec.template.spec.containers[0].imagee</c>, in document order.
/// </summary>
public static class UnknownFields
{
    public static IReadOnlyList<string> Find(JsonObject obj, TypeSchema schema)
    {
        var found = new List<string>();
        Walk(obj, schema, "", found);
        return found;
    }

    private static void Walk(JsonNode? node, TypeSchema schema, string path, List<string> found)
    {
        switch (schema.Kind)
        {
            case SchemaKind.Object when node is JsonObject o:
                foreach (var (key, value) in o)
                {
                    var child = path.Length == 0 ? key : $"{path}.{key}";
                    if (schema.Field(key) is { } field) Walk(value, field.Schema, child, found);
                    else found.Add(child);
                }
                break;
            case SchemaKind.Array when node is JsonArray a && schema.Items is { } items:
                for (var i = 0; i < a.Count; i++) Walk(a[i], items, $"{path}[{i}]", found);
                break;
            case SchemaKind.Map when node is JsonObject m && schema.Items is { } values:
                foreach (var (key, value) in m) Walk(value, values, $"{path}[{key}]", found);
                break;
        }
    }
}

/// <summary>
/// What decoding into the Go type does to fields it does not declare: they are gone. Kinds whose strategy calls this
/// store only declared fields, as a real cluster does (`kubectl apply --validate=false` of a Deployment turned DaemonSet
/// keeps no spec.replicas).
/// </summary>
public static class UnknownFieldPruning
{
    public static void Prune(JsonObject obj, TypeSchema schema) => Walk(obj, schema);

    private static void Walk(JsonNode? node, TypeSchema schema)
    {
        switch (schema.Kind)
        {
            case SchemaKind.Object when node is JsonObject o:
                foreach (var key in o.Select(p => p.Key).ToList())
                {
                    if (schema.Field(key) is { } field) Walk(o[key], field.Schema);
                    else o.Remove(key);
                }
                break;
            case SchemaKind.Array when node is JsonArray a && schema.Items is { } items:
                foreach (var item in a) Walk(item, items);
                break;
            case SchemaKind.Map when node is JsonObject m && schema.Items is { } values:
                foreach (var (_, value) in m) Walk(value, values);
                break;
        }
    }
}
