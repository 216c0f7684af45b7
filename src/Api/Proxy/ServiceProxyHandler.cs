using System.Text.Json.Nodes;
using Emulator.Domain.Errors;
using Emulator.Domain.Proxy;
using Emulator.Domain.Resources;
using Emulator.Infrastructure.Registry;

namespace Emulator.Api.Proxy;

/// <summary>
/// <c>/api/v1/namespaces/{ns}/services/{[scheme:]name[:port]}/proxy/{path}</c>: like the apiserver's service
/// ResourceLocation (pkg/registry/core/service/storage/storage.go), it picks the service port by name or number,
/// then a random ready endpoint of that port from the EndpointSlices, and relays straight to the endpoint.
/// </summary>
public sealed class ServiceProxyHandler(GenericRegistry registry, UpstreamRelay relay) : ProxySubresourceHandler("services", "service", registry, relay)
{
    protected override (string Host, int? Port) Locate(JsonObject service, string ns, ProxyTargetName id, string requested)
    {
        var spec = service["spec"] as JsonObject;
        if (spec.Str("type") == "ExternalName") return (spec.Str("externalName") ?? "", int.TryParse(id.Port, out var p) ? p : null);
        var port = (spec?["ports"] as JsonArray ?? []).OfType<JsonObject>()
            .FirstOrDefault(sp => id.Port.Length == 0 || sp.Str("name") == id.Port || sp["port"]?.ToString() == id.Port)
            ?? throw new StatusException(503, "ServiceUnavailable", $"no service port \"{id.Port}\" found for service \"{id.Name}\"");
        var slices = Registry.Store.List(new("discovery.k8s.io", "endpointslices"), ns).Items.Select(s => s.Object)
            .Where(s => s.Labels().GetValueOrDefault(ServiceProxyPlanner.ServiceNameLabel) == id.Name && s.Str("addressType") == "IPv4");
        var ready = ServiceProxyPlanner.Endpoints(slices, port.Str("name") ?? "", port.Str("protocol") ?? "TCP").Where(e => e.Ready).ToList();
        if (ready.Count == 0)
            throw new StatusException(503, "ServiceUnavailable", $"no endpoints available for service \"{requested}\"");
        var endpoint = ready[Random.Shared.Next(ready.Count)];
        return (endpoint.Address, endpoint.Port);
    }
}
