using Emulator.Api.Endpoints;
using Emulator.Api.Http;
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
public sealed class ServiceProxyHandler(GenericRegistry registry, UpstreamRelay relay) : ISubresourceHandler
{
    public bool Handles(RequestTarget target, string method) =>
        target.Definition.Kind is { Group: "", Plural: "services" } && target.Subresource == "proxy" && target.Name is not null;

    public async Task HandleAsync(HttpContext context, RequestTarget target)
    {
        var id = ProxyTargetName.Parse(target.Name!, "service");
        var ns = target.Namespace ?? "default";
        var service = registry.GetOrThrow(target.Definition, ns, id.Name).Object;
        var spec = service["spec"] as System.Text.Json.Nodes.JsonObject;
        var path = ProxyTargetName.RestPath(context);
        if (spec.Str("type") == "ExternalName")
        {
            await relay.RelayAsync(context, id.Scheme, spec.Str("externalName") ?? "", int.TryParse(id.Port, out var p) ? p : null, path);
            return;
        }
        var port = (spec?["ports"] as System.Text.Json.Nodes.JsonArray ?? []).OfType<System.Text.Json.Nodes.JsonObject>()
            .FirstOrDefault(sp => id.Port.Length == 0 || sp.Str("name") == id.Port || sp["port"]?.ToString() == id.Port)
            ?? throw new StatusException(503, "ServiceUnavailable", $"no service port \"{id.Port}\" found for service \"{id.Name}\"");
        var slices = registry.Store.List(new("discovery.k8s.io", "endpointslices"), ns).Items.Select(s => s.Object)
            .Where(s => s.Labels().GetValueOrDefault(ServiceProxyPlanner.ServiceNameLabel) == id.Name && s.Str("addressType") == "IPv4");
        var ready = ServiceProxyPlanner.Endpoints(slices, port.Str("name") ?? "", port.Str("protocol") ?? "TCP").Where(e => e.Ready).ToList();
        if (ready.Count == 0)
            throw new StatusException(503, "ServiceUnavailable", $"no endpoints available for service \"{target.Name}\"");
        var endpoint = ready[Random.Shared.Next(ready.Count)];
        await relay.RelayAsync(context, id.Scheme, endpoint.Address, endpoint.Port, path);
    }
}
