using System.Text.Json.Nodes;
using Emulator.Api.Endpoints;
using Emulator.Api.Http;
using Emulator.Domain.OpenApi;
using Emulator.Domain.Resources;
using k8s.Models;

namespace Emulator.Api.OpenApi;

/// <summary>
/// The whole API in one OpenAPI 3 document, for people and tools (Swagger UI, Postman's import, the checked-in
/// openapi.yaml): the /openapi/v3 group-version documents merged, plus an operation per kind and verb as
/// kube-apiserver names them (listCoreV1NamespacedService, readCoreV1NamespacedServiceStatus...) with the list,
/// Status and DeleteOptions schemas they answer with. The /openapi/v3 documents themselves stay lean (schemas and
/// PATCH only): kubectl downloads them on every apply and explain (ADR 0006).
/// </summary>
public static class ReferenceDocument
{
    private static readonly string[] Responses = [MediaTypes.Json, "application/yaml", "application/vnd.kubernetes.protobuf"];
    private static readonly string Status = SchemaNames.For(typeof(V1Status), Core("Status"));
    private static readonly string DeleteOptions = SchemaNames.For(typeof(V1DeleteOptions), Core("DeleteOptions"));

    public static JsonObject Build(ResourceCatalog catalog)
    {
        var paths = new JsonObject();
        var schemas = new SortedDictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (group, version) in catalog.GroupVersions())
        {
            var doc = OpenApiV3Endpoints.Document(catalog, group, version);
            foreach (var (path, item) in doc["paths"]!.AsObject().ToList()) paths[path] = item?.DeepClone();
            foreach (var (name, schema) in doc["components"]!["schemas"]!.AsObject().ToList()) schemas[name] = schema?.DeepClone();
        }

        var extra = new List<(Type, ResourceKind)> { (typeof(V1Status), Core("Status")), (typeof(V1DeleteOptions), Core("DeleteOptions")) };
        var kinds = catalog.All.Select(d => d.Kind).OrderBy(k => k.PathPrefix, StringComparer.Ordinal).ThenBy(k => k.Plural, StringComparer.Ordinal).ToList();
        foreach (var k in kinds)
        {
            if (ModelTypes.Find(k.Group, k.Version, k.ListKind) is { } list) extra.Add((list, k));
        }
        foreach (var (name, schema) in OpenApiDocumentBuilder.SchemasOf(extra).ToList()) schemas.TryAdd(name, schema?.DeepClone());

        foreach (var k in kinds) AddOperations(paths, schemas, k);
        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject
            {
                ["title"] = "Kubernetes",
                ["description"] = "The Kubernetes API emulator: every kind and verb it serves. On the plain HTTP port no token is needed.",
                ["version"] = SystemEndpoints.GitVersion,
            },
            ["paths"] = new JsonObject(paths.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone()))),
            ["components"] = new JsonObject { ["schemas"] = new JsonObject(schemas) },
        };
    }

    private static void AddOperations(JsonObject paths, SortedDictionary<string, JsonNode?> schemas, ResourceKind k)
    {
        var kind = SchemaNames.ForKind(k);
        var listName = SchemaNames.ForKind(k) + "List";
        var list = schemas.ContainsKey(listName) ? listName : null;
        var ns = k.Namespaced ? "Namespaced" : "";
        var collection = k.Namespaced ? $"{k.PathPrefix}/namespaces/{{namespace}}/{k.Plural}" : $"{k.PathPrefix}/{k.Plural}";
        var item = $"{collection}/{{name}}";
        var can = k.Verbs.ToHashSet(StringComparer.Ordinal);
        var op = new Ops(k);

        var coll = PathItem(paths, collection, k.Namespaced, named: false);
        if (can.Contains("list")) coll["get"] = op.Make("list", $"list{op.Gv}{ns}{k.Kind}", $"list or watch objects of kind {k.Kind}", ListParameters(), null, Ok("200", list));
        if (can.Contains("create"))
            coll["post"] = op.Make("post", $"create{op.Gv}{ns}{k.Kind}", $"create a {k.Kind}", WriteParameters(), Body(kind), Ok("200", kind), Ok("201", kind), Ok("202", kind));
        if (can.Contains("deletecollection"))
            coll["delete"] = op.Make("deletecollection", $"delete{op.Gv}Collection{ns}{k.Kind}", $"delete collection of {k.Kind}",
                [.. ListParameters(), .. DeleteParameters()], Body(DeleteOptions, required: false), Ok("200", Status));

        var one = PathItem(paths, item, k.Namespaced, named: true);
        if (can.Contains("get")) one["get"] = op.Make("get", $"read{op.Gv}{ns}{k.Kind}", $"read the specified {k.Kind}", [], null, Ok("200", kind));
        if (can.Contains("update"))
            one["put"] = op.Make("put", $"replace{op.Gv}{ns}{k.Kind}", $"replace the specified {k.Kind}", WriteParameters(), Body(kind), Ok("200", kind), Ok("201", kind));
        if (can.Contains("delete"))
            one["delete"] = op.Make("delete", $"delete{op.Gv}{ns}{k.Kind}", $"delete a {k.Kind}", DeleteParameters(), Body(DeleteOptions, required: false), Ok("200", kind), Ok("202", kind));
        Describe(one["patch"], op, $"partially update the specified {k.Kind}");

        if (k.Namespaced && can.Contains("list"))
        {
            var all = PathItem(paths, $"{k.PathPrefix}/{k.Plural}", namespaced: false, named: false);
            all["get"] = op.Make("list", $"list{op.Gv}{k.Kind}ForAllNamespaces", $"list or watch objects of kind {k.Kind}", ListParameters(), null, Ok("200", list));
        }

        if (k.Subresources.Contains("status"))
        {
            var status = PathItem(paths, $"{item}/status", k.Namespaced, named: true);
            status["get"] = op.Make("get", $"read{op.Gv}{ns}{k.Kind}Status", $"read status of the specified {k.Kind}", [], null, Ok("200", kind));
            status["put"] = op.Make("put", $"replace{op.Gv}{ns}{k.Kind}Status", $"replace status of the specified {k.Kind}", WriteParameters(), Body(kind), Ok("200", kind), Ok("201", kind));
            Describe(status["patch"], op, $"partially update status of the specified {k.Kind}");
        }
    }

    /// <summary>The operation fields every verb shares: tag per group-version ("core_v1"), action and GVK extensions.</summary>
    private sealed class Ops(ResourceKind k)
    {
        public string Gv { get; } = Pascal(SchemaNames.Package(k)) + Pascal(k.Version);

        public string Tag { get; } = $"{SchemaNames.Package(k)}_{k.Version}";

        public JsonObject Make(string action, string id, string description, JsonObject[] parameters, JsonObject? body, params (string Code, JsonObject Response)[] responses)
        {
            var result = new JsonObject
            {
                ["tags"] = new JsonArray(Tag),
                ["summary"] = description,
                ["description"] = description,
                ["operationId"] = id,
            };
            if (parameters.Length > 0) result["parameters"] = new JsonArray([.. parameters]);
            if (body is not null) result["requestBody"] = body;
            var codes = new JsonObject();
            foreach (var (code, response) in responses) codes[code] = response;
            codes["401"] = new JsonObject { ["description"] = "Unauthorized" };
            result["responses"] = codes;
            result["x-kubernetes-action"] = action;
            result["x-kubernetes-group-version-kind"] = new JsonObject { ["group"] = k.Group, ["version"] = k.Version, ["kind"] = k.Kind };
            return result;
        }
    }

    private static void Describe(JsonNode? patch, Ops op, string description)
    {
        if (patch is not JsonObject o) return;
        o["tags"] = new JsonArray(op.Tag);
        o["summary"] = description;
        o["description"] = description;
    }

    private static JsonObject PathItem(JsonObject paths, string path, bool namespaced, bool named)
    {
        if (paths[path] is not JsonObject item)
        {
            item = new JsonObject();
            paths[path] = item;
        }
        var parameters = new JsonArray();
        if (named) parameters.Add(Path("name", "name of the object"));
        if (namespaced) parameters.Add(Path("namespace", "object name and auth scope, such as for teams and projects"));
        parameters.Add(Query("pretty", "string", "If 'true', then the output is pretty printed. Defaults to 'false' unless the user-agent indicates a browser or command-line HTTP tool (curl and wget)."));
        item["parameters"] = parameters;
        return item;
    }

    private static JsonObject[] ListParameters() =>
    [
        Query("allowWatchBookmarks", "boolean", "allowWatchBookmarks requests watch events with type \"BOOKMARK\"."),
        Query("continue", "string", "The continue option should be set when retrieving more results from the server."),
        Query("fieldSelector", "string", "A selector to restrict the list of returned objects by their fields. Defaults to everything."),
        Query("labelSelector", "string", "A selector to restrict the list of returned objects by their labels. Defaults to everything."),
        Query("limit", "integer", "limit is a maximum number of responses to return for a list call."),
        Query("resourceVersion", "string", "resourceVersion sets a constraint on what resource versions a request may be served from."),
        Query("resourceVersionMatch", "string", "resourceVersionMatch determines how resourceVersion is applied to list calls."),
        Query("timeoutSeconds", "integer", "Timeout for the list/watch call."),
        Query("watch", "boolean", "Watch for changes to the described resources and return them as a stream of add, update, and remove notifications."),
    ];

    private static JsonObject[] WriteParameters() =>
    [
        Query("dryRun", "string", "When present, indicates that modifications should not be persisted. Valid values are: - All: all dry run stages will be processed"),
        Query("fieldManager", "string", "fieldManager is a name associated with the actor or entity that is making these changes."),
        Query("fieldValidation", "string", "fieldValidation instructs the server on how to handle objects in the request containing unknown or duplicate fields. Valid values are: - Ignore - Warn - Strict"),
    ];

    private static JsonObject[] DeleteParameters() =>
    [
        Query("dryRun", "string", "When present, indicates that modifications should not be persisted. Valid values are: - All: all dry run stages will be processed"),
        Query("gracePeriodSeconds", "integer", "The duration in seconds before the object should be deleted."),
        Query("propagationPolicy", "string", "Whether and how garbage collection will be performed: 'Orphan', 'Background' or 'Foreground'."),
    ];

    private static JsonObject Query(string name, string type, string description) => new()
    {
        ["name"] = name, ["in"] = "query", ["description"] = description, ["schema"] = new JsonObject { ["type"] = type, ["uniqueItems"] = true },
    };

    private static JsonObject Path(string name, string description) => new()
    {
        ["name"] = name, ["in"] = "path", ["description"] = description, ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string", ["uniqueItems"] = true },
    };

    private static JsonObject Body(string schema, bool required = true) => new()
    {
        ["content"] = new JsonObject
        {
            [MediaTypes.Json] = new JsonObject { ["schema"] = Ref(schema) },
            ["application/yaml"] = new JsonObject { ["schema"] = Ref(schema) },
        },
        ["required"] = required,
    };

    private static (string, JsonObject) Ok(string code, string? schema)
    {
        var description = code switch { "201" => "Created", "202" => "Accepted", _ => "OK" };
        var content = new JsonObject();
        foreach (var media in Responses) content[media] = schema is null ? new JsonObject() : new JsonObject { ["schema"] = Ref(schema) };
        return (code, new JsonObject { ["description"] = description, ["content"] = content });
    }

    private static JsonObject Ref(string name) => new() { ["$ref"] = $"#/components/schemas/{name}" };

    private static string Pascal(string s) => char.ToUpperInvariant(s[0]) + s[1..];

    private static ResourceKind Core(string kind) => new("", "v1", kind, kind.ToLowerInvariant() + "s", kind.ToLowerInvariant(), false, [], [], []);
}
