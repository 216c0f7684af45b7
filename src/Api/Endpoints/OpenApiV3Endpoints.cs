using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Emulator.Api.Http;
using Emulator.Api.OpenApi;
using Emulator.Domain.Errors;
using Emulator.Domain.Resources;
using Emulator.Infrastructure.Storage;

namespace Emulator.Api.Endpoints;

/// <summary>
/// /openapi/v3: the index and one document per group-version (client-go openapi/client.go reads the index and fetches
/// each serverRelativeURL, keeping its hash; ETag/If-None-Match revalidate kubectl's disk cache). Documents are
/// generated once from the catalog and the k8s.Models types (<see cref="OpenApiDocumentBuilder"/>).
/// </summary>
public static class OpenApiV3Endpoints
{
    private static readonly ConcurrentDictionary<(string Group, string Version), Lazy<(string Json, string Hash)>> Documents = new();

    public static void MapOpenApiV3(this IEndpointRouteBuilder app)
    {
        app.MapGet("/openapi/v3", (HttpContext c, ResourceCatalog catalog) =>
        {
            var paths = new JsonObject();
            foreach (var (group, version) in catalog.GroupVersions())
            {
                var key = group.Length == 0 ? $"api/{version}" : $"apis/{group}/{version}";
                paths[key] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{key}?hash={Get(catalog, group, version).Hash}" };
            }
            return ResponseWriter.WriteNodeAsync(c, 200, new JsonObject { ["paths"] = paths });
        }).ExcludeFromDescription();
        app.MapGet("/openapi/v3/api/{version}", (HttpContext c, string version, ResourceCatalog catalog) => Serve(c, catalog, "", version)).ExcludeFromDescription();
        app.MapGet("/openapi/v3/apis/{group}/{version}", (HttpContext c, string group, string version, ResourceCatalog catalog) => Serve(c, catalog, group, version)).ExcludeFromDescription();
    }

    /// <summary>The document of one group-version as served (for the checked-in openapi.yaml and tests).</summary>
    public static JsonObject Document(ResourceCatalog catalog, string group, string version) =>
        OpenApiDocumentBuilder.Build(catalog.All.Where(d => d.Kind.Group == group && d.Kind.Version == version), SystemEndpoints.GitVersion);

    /// <summary>Builds every group-version document now (start-up warm-up).</summary>
    public static void Warm(ResourceCatalog catalog)
    {
        foreach (var (group, version) in catalog.GroupVersions()) Get(catalog, group, version);
    }

    private static (string Json, string Hash) Get(ResourceCatalog catalog, string group, string version) =>
        Documents.GetOrAdd((group, version), key => new Lazy<(string, string)>(() =>
        {
            var json = JsonText.Serialize(Document(catalog, key.Group, key.Version));
            return (json, Convert.ToHexString(SHA512.HashData(Encoding.UTF8.GetBytes(json)))[..64]);
        })).Value;

    private static Task Serve(HttpContext c, ResourceCatalog catalog, string group, string version)
    {
        if (!catalog.All.Any(d => d.Kind.Group == group && d.Kind.Version == version)) throw StatusException.NotFoundPath();
        var (json, hash) = Get(catalog, group, version);
        var etag = $"\"{hash}\"";
        if (c.Request.Headers.IfNoneMatch.ToString() == etag) { c.Response.StatusCode = 304; return Task.CompletedTask; }
        c.Response.Headers.ETag = etag;
        return ResponseWriter.WriteJsonAsync(c, 200, json);
    }
}
