using System.Text.Json.Nodes;
using Emulator.Api.Endpoints;
using Emulator.Api.Http;
using Emulator.Infrastructure.Registry;

namespace Emulator.Api.Proxy;

/// <summary>
/// The proxy subresource of one core kind: parse <c>[scheme:]name[:port]</c>, read the object, let the kind say
/// where it lives (its ResourceLocation in the apiserver's registry), then relay the rest of the path there.
/// </summary>
public abstract class ProxySubresourceHandler(string plural, string kind, GenericRegistry registry, UpstreamRelay relay) : ISubresourceHandler
{
    protected GenericRegistry Registry => registry;

    public bool Handles(RequestTarget target, string method) =>
        target.Definition.Kind.Group.Length == 0 && target.Definition.Kind.Plural == plural && target.Subresource == "proxy" && target.Name is not null;

    public async Task HandleAsync(HttpContext context, RequestTarget target)
    {
        var id = ProxyTargetName.Parse(target.Name!, kind);
        var ns = target.Namespace ?? "default";
        var obj = registry.GetOrThrow(target.Definition, ns, id.Name).Object;
        var (host, port) = Locate(obj, ns, id, target.Name!);
        await relay.RelayAsync(context, id.Scheme, host, port, ProxyTargetName.RestPath(context));
    }

    /// <summary>The host and port to relay to; throws a StatusException when the object has none.</summary>
    protected abstract (string Host, int? Port) Locate(JsonObject obj, string ns, ProxyTargetName id, string requested);
}
