using System.Text.Json.Nodes;
using Emulator.Api.Endpoints;
using Emulator.Api.Http;
using Emulator.Domain.Resources;

namespace Emulator.Api.OpenApi;

/// <summary>
/// The checked-in root <c>openapi.yaml</c> (for Postman and people): every group-version document the server serves,
/// merged into one, from the same generator as /openapi/v3. A test fails when the file is stale.
/// </summary>
public static class OpenApiFile
{
    public const string FileName = "openapi.yaml";

    public static string Render(ResourceCatalog catalog)
    {
        var paths = new JsonObject();
        var schemas = new SortedDictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (group, version) in catalog.GroupVersions())
        {
            var doc = OpenApiV3Endpoints.Document(catalog, group, version);
            foreach (var (path, item) in doc["paths"]!.AsObject().ToList())
                paths[path] = item?.DeepClone();
            foreach (var (name, schema) in doc["components"]!["schemas"]!.AsObject().ToList())
                schemas[name] = schema?.DeepClone();
        }
        var merged = new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = SystemEndpoints.GitVersion },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = new JsonObject(schemas) },
        };
        return YamlJson.Serialize(merged);
    }
}
