using Emulator.Api.Endpoints;
using Emulator.Api.Http;
using Emulator.Api.Proxy.Streaming;
using Emulator.Api.Security;
using Emulator.Domain.Errors;
using Emulator.Domain.Resources;
using Emulator.Infrastructure.Registry;

namespace Emulator.Api.Proxy.PortForward;

/// <summary>
/// <c>GET|POST /api/v1/namespaces/{ns}/pods/{name}/portforward</c> (kubectl-wire.md §2.13): the WebSocket tunnel
/// carrying SPDY (subprotocol <c>SPDY/3.1+portforward.k8s.io</c>, kubectl's first attempt) and the plain
/// <c>Upgrade: SPDY/3.1</c> fallback. Either way the bytes are a SPDY/3.1 session served by <see cref="PortForwardSession"/>,
/// connecting to the pod IP as the kubelet would inside the pod's network namespace.
/// </summary>
public sealed class PortForwardHandler(GenericRegistry registry, RequestAuthorizer authorizer, ILogger<PortForwardHandler> logger) : ISubresourceHandler
{
    private const string TunnelProtocol = "SPDY/3.1+portforward.k8s.io";
    private const string StreamProtocol = "portforward.k8s.io";

    public bool Handles(RequestTarget target, string method) =>
        target.Definition.Kind is { Group: "", Plural: "pods" } && target.Subresource == "portforward" && target.Name is not null
        && method is "GET" or "POST";

    public async Task HandleAsync(HttpContext context, RequestTarget target)
    {
        StreamUpgrade.RequireCreate(context, authorizer, "portforward", target.Namespace ?? "default", target.Name!);
        var pod = registry.GetOrThrow(target.Definition, target.Namespace ?? "default", target.Name!).Object;
        var podIp = pod["status"].Str("podIP");
        if (pod["status"].Str("phase") != "Running" || string.IsNullOrEmpty(podIp))
            throw StatusException.BadRequest($"pod {target.Name} is not running and cannot be port-forwarded");
        var upgrade = StreamUpgrade.Require(context);

        var session = (Stream transport) => new PortForwardSession(new SpdyConnection(transport), pod.Name(), pod.Meta().Str("uid") ?? "", podIp, logger);
        if (StreamUpgrade.IsWebSocket(context))
        {
            var offered = StreamUpgrade.OfferedSubprotocols(context);
            if (!offered.Contains(TunnelProtocol, StringComparer.Ordinal))
                throw StatusException.BadRequest($"unable to upgrade: unsupported subprotocols {string.Join(",", offered)}; expected {TunnelProtocol}");
            var socket = await StreamUpgrade.AcceptWebSocketAsync(context, upgrade, TunnelProtocol);
            await using var stream = new WebSocketByteStream(socket);
            await session(stream).RunAsync(context.RequestAborted);
            return;
        }
        var (raw, _) = await StreamUpgrade.AcceptSpdyAsync(context, upgrade, [StreamProtocol]);
        await using var spdy = raw;
        await session(spdy).RunAsync(context.RequestAborted);
    }
}
