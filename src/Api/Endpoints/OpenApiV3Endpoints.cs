using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Emulator.Api.Http;
using Emulator.Domain.Errors;
using Emulator.Domain.Resources;
using Emulator.Infrastructure.Storage;

namespace Emulator.Api.Endpoints;

/// <summary>
/// /openapi/v3: the index and one document per group-version, generated from the catalog. kubectl create/apply and
/// helm read it to learn that the server validates fields itself (a fieldValidation parameter on every PATCH of a
/// GVK) and which patch types it takes. Schemas are open objects tagged with their GVK; full field schemas for
/// explain come with the OpenAPI issue.
/// </summary>
public static class OpenApiV3Endpoints
{
    public static void MapOpenApiV3(this IEndpointRouteBuilder app)
    {
        app.MapGet("/openapi/v3", (HttpContext c, ResourceCatalog catalog) =>
        {
            var paths = new JsonObject();
            foreach (var (group, version) in catalog.GroupVersions())
            {
                var key = group.Length == 0 ? $"api/{version}" : $"apis/{group}/{version}";
                paths[key] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{key}?hash={Hash(Document(catalog, group, version))}" };
            }
            return ResponseWriter.WriteNodeAsync(c, 200, new JsonObject { ["paths"] = paths });
        }).ExcludeFromDescription();
        app.MapGet("/openapi/v3/api/{version}", (HttpContext c, string version, ResourceCatalog catalog) => Serve(c, catalog, "", version)).ExcludeFromDescription();
        app.MapGet("/openapi/v3/apis/{group}/{version}", (HttpContext c, string group, string version, ResourceCatalog catalog) => Serve(c, catalog, group, version)).ExcludeFromDescription();
    }

    private static Task Serve(HttpContext c, ResourceCatalog catalog, string group, string version)
    {
        if (!catalog.All.Any(d => d.Kind.Group == group && d.Kind.Version == version)) throw StatusException.NotFoundPath();
        var json = JsonText.Serialize(Document(catalog, group, version));
        var etag = $"\"{Hash(json)}\"";
        if (c.Request.Headers.IfNoneMatch.ToString() == etag) { c.Response.StatusCode = 304; return Task.CompletedTask; }
        c.Response.Headers.ETag = etag;
        return ResponseWriter.WriteJsonAsync(c, 200, json);
    }

    private static string Hash(JsonNode doc) => Hash(JsonText.Serialize(doc));

    private static string Hash(string json) => Convert.ToHexString(SHA512.HashData(Encoding.UTF8.GetBytes(json)))[..64];

    private static JsonObject Document(ResourceCatalog catalog, string group, string version)
    {
        var paths = new JsonObject();
        var schemas = new JsonObject();
        foreach (var def in catalog.All.Where(d => d.Kind.Group == group && d.Kind.Version == version))
        {
            var k = def.Kind;
            var schemaName = SchemaName(k);
            schemas[schemaName] = new JsonObject
            {
                ["type"] = "object",
                ["description"] = $"{k.Kind} of {k.ApiVersion}.",
                ["x-kubernetes-group-version-kind"] = new JsonArray(Gvk(k)),
            };
            var item = k.Namespaced ? $"{k.PathPrefix}/namespaces/{{namespace}}/{k.Plural}/{{name}}" : $"{k.PathPrefix}/{k.Plural}/{{name}}";
            paths[item] = new JsonObject { ["patch"] = PatchOperation(k, schemaName, "") };
            foreach (var sub in k.Subresources.Where(s => s == "status"))
                paths[$"{item}/{sub}"] = new JsonObject { ["patch"] = PatchOperation(k, schemaName, "Status") };
        }
        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = SystemEndpoints.GitVersion },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = schemas },
        };
    }

    private static JsonObject PatchOperation(ResourceKind k, string schemaName, string suffix)
    {
        var content = new JsonObject();
        foreach (var media in new[] { MediaTypes.ApplyPatchYaml, MediaTypes.JsonPatch, MediaTypes.MergePatch, MediaTypes.StrategicMergePatch })
            content[media] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "object" } };
        JsonObject Param(string name, string type) => new() { ["name"] = name, ["in"] = "query", ["schema"] = new JsonObject { ["type"] = type, ["uniqueItems"] = true } };
        var scope = k.Namespaced ? "Namespaced" : "";
        return new JsonObject
        {
            ["operationId"] = $"patch{Pascal(k)}{scope}{k.Kind}{suffix}",
            ["x-kubernetes-action"] = "patch",
            ["x-kubernetes-group-version-kind"] = Gvk(k),
            ["parameters"] = new JsonArray(Param("dryRun", "string"), Param("fieldManager", "string"), Param("fieldValidation", "string"), Param("force", "boolean")),
            ["requestBody"] = new JsonObject { ["content"] = content, ["required"] = true },
            ["responses"] = new JsonObject
            {
                ["200"] = new JsonObject
                {
                    ["description"] = "OK",
                    ["content"] = new JsonObject { [MediaTypes.Json] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = $"#/components/schemas/{schemaName}" } } },
                },
            },
        };
    }

    private static JsonObject Gvk(ResourceKind k) => new() { ["group"] = k.Group, ["version"] = k.Version, ["kind"] = k.Kind };

    public static string SchemaName(ResourceKind k) =>
        $"io.k8s.api.{(k.Group.Length == 0 ? "core" : k.Group.Split('.')[0])}.{k.Version}.{k.Kind}";

    private static string Pascal(ResourceKind k) =>
        (k.Group.Length == 0 ? "Core" : string.Concat(k.Group.Split('.')[0].Select((ch, i) => i == 0 ? char.ToUpperInvariant(ch) : ch))) + char.ToUpperInvariant(k.Version[0]) + k.Version[1..];
}
