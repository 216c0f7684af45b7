using System.Text.Json.Nodes;
using Emulator.Api.Endpoints;
using Emulator.Api.Http;
using Emulator.Domain.Errors;
using Emulator.Domain.Resources;
using Emulator.Infrastructure.Registry;

namespace Emulator.Api.Proxy;

/// <summary>
/// <c>/api/v1/namespaces/{ns}/pods/{[scheme:]name[:port]}/proxy/{path}</c>: relays to the pod IP, on the given port
/// or else the first declared container port (pkg/registry/core/pod/strategy.go ResourceLocation).
/// </summary>
public sealed class PodProxyHandler(GenericRegistry registry, UpstreamRelay relay) : ISubresourceHandler
{
    public bool Handles(RequestTarget target, string method) =>
        target.Definition.Kind is { Group: "", Plural: "pods" } && target.Subresource == "proxy" && target.Name is not null;

    public async Task HandleAsync(HttpContext context, RequestTarget target)
    {
        var id = ProxyTargetName.Parse(target.Name!, "pod");
        var pod = registry.GetOrThrow(target.Definition, target.Namespace ?? "default", id.Name).Object;
        var podIp = pod["status"].Str("podIP");
        if (string.IsNullOrEmpty(podIp)) throw StatusException.BadRequest("address not allowed");
        int? port = int.TryParse(id.Port, out var given) ? given : FirstContainerPort(pod);
        await relay.RelayAsync(context, id.Scheme, podIp, port, ProxyTargetName.RestPath(context));
    }

    private static int? FirstContainerPort(JsonObject pod)
    {
        foreach (var container in (pod["spec"]?["containers"] as JsonArray ?? []).OfType<JsonObject>())
            if ((container["ports"] as JsonArray)?.FirstOrDefault()?["containerPort"] is JsonValue v && v.TryGetValue<int>(out var port))
                return port;
        return null;
    }
}
