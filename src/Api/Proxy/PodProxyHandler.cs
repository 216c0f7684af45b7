using System.Text.Json.Nodes;
using Emulator.Domain.Errors;
using Emulator.Domain.Resources;
using Emulator.Infrastructure.Registry;

namespace Emulator.Api.Proxy;

/// <summary>
/// <c>/api/v1/namespaces/{ns}/pods/{[scheme:]name[:port]}/proxy/{path}</c>: relays to the pod IP, on the given port
/// or else the first declared container port (pkg/registry/core/pod/strategy.go ResourceLocation).
/// </summary>
public sealed class PodProxyHandler(GenericRegistry registry, UpstreamRelay relay) : ProxySubresourceHandler("pods", "pod", registry, relay)
{
    protected override (string Host, int? Port) Locate(JsonObject pod, string ns, ProxyTargetName id, string requested)
    {
        var podIp = pod["status"].Str("podIP");
        if (string.IsNullOrEmpty(podIp)) throw StatusException.BadRequest("address not allowed");
        return (podIp, int.TryParse(id.Port, out var given) ? given : FirstContainerPort(pod));
    }

    private static int? FirstContainerPort(JsonObject pod)
    {
        foreach (var container in (pod["spec"]?["containers"] as JsonArray ?? []).OfType<JsonObject>())
            if ((container["ports"] as JsonArray)?.FirstOrDefault()?["containerPort"] is JsonValue v && v.TryGetValue<int>(out var port))
                return port;
        return null;
    }
}
