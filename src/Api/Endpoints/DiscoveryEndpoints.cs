using Emulator.Api.Http;
using Emulator.Domain.Errors;
using Emulator.Infrastructure.Storage;

namespace Emulator.Api.Endpoints;

/// <summary>/api, /apis (aggregated when asked for, legacy otherwise), /api/v1, /apis/{group}, /apis/{group}/{version}.</summary>
public static class DiscoveryEndpoints
{
    public static void MapDiscovery(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api", (HttpContext c, DiscoveryDocuments d) =>
            WantsAggregated(c) ? WriteAggregated(c, d, core: true) : ResponseWriter.WriteNodeAsync(c, 200, d.ApiVersions())).ExcludeFromDescription();
        app.MapGet("/apis", (HttpContext c, DiscoveryDocuments d) =>
            WantsAggregated(c) ? WriteAggregated(c, d, core: false) : ResponseWriter.WriteNodeAsync(c, 200, d.GroupList())).ExcludeFromDescription();
        app.MapGet("/api/{version}", (HttpContext c, string version, DiscoveryDocuments d) =>
            ResponseWriter.WriteNodeAsync(c, 200, d.ResourceList("", version) ?? throw StatusException.NotFoundPath())).ExcludeFromDescription();
        app.MapGet("/apis/{group}", (HttpContext c, string group, DiscoveryDocuments d) =>
            ResponseWriter.WriteNodeAsync(c, 200, d.Group(group) ?? throw StatusException.NotFoundPath())).ExcludeFromDescription();
        app.MapGet("/apis/{group}/{version}", (HttpContext c, string group, string version, DiscoveryDocuments d) =>
            ResponseWriter.WriteNodeAsync(c, 200, d.ResourceList(group, version) ?? throw StatusException.NotFoundPath())).ExcludeFromDescription();
    }

    // client-go decides between aggregated and legacy discovery by the response Content-Type, so answer in kind.
    private static bool WantsAggregated(HttpContext c) =>
        c.Request.Headers.Accept.ToString().Contains("as=APIGroupDiscoveryList", StringComparison.Ordinal);

    private static Task WriteAggregated(HttpContext c, DiscoveryDocuments d, bool core) =>
        ResponseWriter.WriteJsonAsync(c, 200, JsonText.Serialize(d.Aggregated(core)), DiscoveryDocuments.AggregatedContentType);
}
