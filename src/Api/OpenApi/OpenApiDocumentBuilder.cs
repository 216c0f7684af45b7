using System.Text.Json.Nodes;
using Emulator.Api.Http;
using Emulator.Domain.OpenApi;
using Emulator.Domain.Resources;

namespace Emulator.Api.OpenApi;

/// <summary>
/// Builds one /openapi/v3 group-version document from the catalog and the official k8s.Models types: a component
/// schema per model type with descriptions, list semantics (x-kubernetes-patch-merge-key, -patch-strategy,
/// -list-type, -list-map-keys) and the GVK extension on kinds; and a PATCH operation per object path with the
/// fieldValidation/fieldManager/dryRun/force parameters and the four patch media types, which is what kubectl and
/// helm check before they trust the server to validate (kubectl-wire.md §2.9).
/// </summary>
public sealed class OpenApiDocumentBuilder
{
    private readonly JsonObject _schemas = new();
    private readonly JsonObject _paths = new();

    public static JsonObject Build(IEnumerable<ResourceDefinition> definitions, string serverVersion)
    {
        var builder = new OpenApiDocumentBuilder();
        foreach (var def in definitions) builder.Add(def.Kind);
        var sortedSchemas = new JsonObject();
        foreach (var (name, schema) in builder._schemas.OrderBy(p => p.Key, StringComparer.Ordinal).ToList())
        {
            builder._schemas.Remove(name);
            sortedSchemas[name] = schema;
        }
        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = serverVersion },
            ["paths"] = builder._paths,
            ["components"] = new JsonObject { ["schemas"] = sortedSchemas },
        };
    }

    /// <summary>
    /// Component schemas of extra model types (list kinds, Status, DeleteOptions) and everything they reference, named
    /// as <see cref="SchemaNames.For"/> does relative to <paramref name="types"/>' root kinds; for the reference document.
    /// </summary>
    public static JsonObject SchemasOf(IEnumerable<(Type Type, ResourceKind Root)> types)
    {
        var builder = new OpenApiDocumentBuilder();
        foreach (var (type, root) in types) builder.AddObject(type, root, SchemaNames.For(type, root));
        return builder._schemas;
    }

    private void Add(ResourceKind k)
    {
        var schemaName = SchemaNames.ForKind(k);
        if (ModelTypes.Find(k.Group, k.Version, k.Kind) is { } type)
        {
            AddObject(type, k, schemaName);
        }
        else
        {
            _schemas[schemaName] = new JsonObject { ["type"] = "object", ["description"] = $"{k.Kind} of {k.ApiVersion}." };
        }
        ((JsonObject)_schemas[schemaName]!)["x-kubernetes-group-version-kind"] = new JsonArray(Gvk(k));
        var item = k.Namespaced ? $"{k.PathPrefix}/namespaces/{{namespace}}/{k.Plural}/{{name}}" : $"{k.PathPrefix}/{k.Plural}/{{name}}";
        if (!k.Verbs.Contains("patch")) return; // create-only reviews (SelfSubjectAccessReview...) have no item path
        _paths[item] = new JsonObject { ["patch"] = PatchOperation(k, schemaName, "") };
        if (k.Subresources.Contains("status"))
            _paths[$"{item}/status"] = new JsonObject { ["patch"] = PatchOperation(k, schemaName, "Status") };
    }

    private void AddObject(Type type, ResourceKind root, string name)
    {
        if (_schemas.ContainsKey(name)) return;
        var schema = new JsonObject { ["type"] = "object" };
        _schemas[name] = schema;
        if (ModelDocumentation.Type(type) is { } doc) schema["description"] = doc;
        var properties = new JsonObject();
        foreach (var field in TypeSchema.For(type).Properties.Values)
        {
            var property = Property(field.Schema, root);
            if (ModelDocumentation.Property(type, field.ClrName) is { } d) property["description"] = d;
            Extensions(property, field);
            properties[field.Name] = property;
        }
        schema["properties"] = properties;
    }

    private JsonObject Property(TypeSchema schema, ResourceKind root)
    {
        switch (schema.Kind)
        {
            case SchemaKind.Object:
            {
                var name = SchemaNames.For(schema.ClrType, root);
                AddObject(schema.ClrType, root, name);
                return new JsonObject { ["allOf"] = new JsonArray(Ref(name)), ["default"] = new JsonObject() };
            }
            case SchemaKind.Array:
                return new JsonObject { ["type"] = "array", ["items"] = Property(schema.Items ?? TypeSchema.Any, root) };
            case SchemaKind.Map:
                return new JsonObject { ["type"] = "object", ["additionalProperties"] = Property(schema.Items ?? TypeSchema.Any, root) };
            case SchemaKind.IntOrString or SchemaKind.Quantity or SchemaKind.DateTime:
            {
                var name = SchemaNames.ForValue(schema.Kind)!;
                _schemas[name] ??= ValueComponent(schema.Kind);
                return new JsonObject { ["allOf"] = new JsonArray(Ref(name)) };
            }
            case SchemaKind.String: return new JsonObject { ["type"] = "string", ["default"] = "" };
            case SchemaKind.Boolean: return new JsonObject { ["type"] = "boolean" };
            case SchemaKind.Integer:
                return new JsonObject { ["type"] = "integer", ["format"] = schema.ClrType == typeof(long) ? "int64" : "int32" };
            case SchemaKind.Number: return new JsonObject { ["type"] = "number", ["format"] = "double" };
            case SchemaKind.Bytes: return new JsonObject { ["type"] = "string", ["format"] = "byte" };
            default: return new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true };
        }
    }

    private static void Extensions(JsonObject property, FieldSchema field)
    {
        var meta = field.Patch;
        if (field.Schema.Kind == SchemaKind.Array)
        {
            property["x-kubernetes-list-type"] = meta.ListType ?? "atomic";
            if (meta.ListMapKeys is { Count: > 0 } keys) property["x-kubernetes-list-map-keys"] = new JsonArray([.. keys.Select(k => (JsonNode)k)]);
        }
        if (meta.MergeKey is { } key) property["x-kubernetes-patch-merge-key"] = key;
        if (meta.Strategy is { } strategy) property["x-kubernetes-patch-strategy"] = strategy;
    }

    private static JsonObject ValueComponent(SchemaKind kind) => kind switch
    {
        SchemaKind.IntOrString => new JsonObject
        {
            ["type"] = "string",
            ["format"] = "int-or-string",
            ["description"] = "IntOrString is a type that can hold an int32 or a string. When used in JSON or YAML marshalling and unmarshalling, it produces or consumes the inner type. This allows you to have, for example, a JSON field that can accept a name or number.",
        },
        SchemaKind.Quantity => new JsonObject
        {
            ["type"] = "string",
            ["description"] = "Quantity is a fixed-point representation of a number. It provides convenient marshaling/unmarshaling in JSON and YAML, in addition to String() and AsInt64() accessors.",
        },
        _ => new JsonObject
        {
            ["type"] = "string",
            ["format"] = "date-time",
            ["description"] = "Time is a wrapper around time.Time which supports correct marshaling to YAML and JSON. Wrappers are provided for many of the factory methods that the time package offers.",
        },
    };

    private static JsonObject Ref(string name) => new() { ["$ref"] = $"#/components/schemas/{name}" };

    private static JsonObject PatchOperation(ResourceKind k, string schemaName, string suffix)
    {
        var content = new JsonObject();
        foreach (var media in new[] { MediaTypes.ApplyPatchYaml, MediaTypes.JsonPatch, MediaTypes.MergePatch, MediaTypes.StrategicMergePatch })
            content[media] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "object" } };
        static JsonObject Param(string name, string type, string description) => new()
        {
            ["name"] = name, ["in"] = "query", ["description"] = description, ["schema"] = new JsonObject { ["type"] = type, ["uniqueItems"] = true },
        };
        var scope = k.Namespaced ? "Namespaced" : "";
        var group = SchemaNames.Package(k);
        var pascal = char.ToUpperInvariant(group[0]) + group[1..] + char.ToUpperInvariant(k.Version[0]) + k.Version[1..];
        return new JsonObject
        {
            ["operationId"] = $"patch{pascal}{scope}{k.Kind}{suffix}",
            ["x-kubernetes-action"] = "patch",
            ["x-kubernetes-group-version-kind"] = Gvk(k),
            ["parameters"] = new JsonArray(
                Param("dryRun", "string", "When present, indicates that modifications should not be persisted. Valid values are: - All: all dry run stages will be processed"),
                Param("fieldManager", "string", "fieldManager is a name associated with the actor or entity that is making these changes. This field is required for apply requests (application/apply-patch) but optional for non-apply patch types (JsonPatch, MergePatch, StrategicMergePatch)."),
                Param("fieldValidation", "string", "fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) containing unknown or duplicate fields. Valid values are: - Ignore - Warn - Strict"),
                Param("force", "boolean", "Force is going to \"force\" Apply requests. It means user will re-acquire conflicting fields owned by other people. Force flag must be unset for non-apply patch requests.")),
            ["requestBody"] = new JsonObject { ["content"] = content, ["required"] = true },
            ["responses"] = new JsonObject
            {
                ["200"] = new JsonObject
                {
                    ["description"] = "OK",
                    ["content"] = new JsonObject { [MediaTypes.Json] = new JsonObject { ["schema"] = Ref(schemaName) } },
                },
            },
        };
    }

    private static JsonObject Gvk(ResourceKind k) => new() { ["group"] = k.Group, ["version"] = k.Version, ["kind"] = k.Kind };
}
