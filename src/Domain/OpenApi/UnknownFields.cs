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
