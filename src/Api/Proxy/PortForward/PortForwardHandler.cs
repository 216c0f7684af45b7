using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using Emulator.Api.Endpoints;
using Emulator.Api.Http;
using Emulator.Domain.Errors;
using Emulator.Domain.Resources;
using Emulator.Infrastructure.Registry;
using Microsoft.AspNetCore.Http.Features;

namespace Emulator.Api.Proxy.PortForward;

/// <summary>
/// <c>GET|POST /api/v1/namespaces/{ns}/pods/{name}/portforward</c> (kubectl-wire.md §2.13): the WebSocket tunnel
/// carrying SPDY (subprotocol <c>SPDY/3.1+portforward.k8s.io</c>, kubectl's first attempt) and the plain
/// <c>Upgrade: SPDY/3.1</c> fallback. Either way the bytes are a SPDY/3.1 session served by <see cref="PortForwardSession"/>,
/// connecting to the pod IP as the kubelet would inside the pod's network namespace.
/// </summary>
public sealed class PortForwardHandler(GenericRegistry registry, ILogger<PortForwardHandler> logger) : ISubresourceHandler
{
    private const string TunnelProtocol = "SPDY/3.1+portforward.k8s.io";
    private const string StreamProtocol = "portforward.k8s.io";
    private const string WebSocketGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    public bool Handles(RequestTarget target, string method) =>
        target.Definition.Kind is { Group: "", Plural: "pods" } && target.Subresource == "portforward" && target.Name is not null
        && method is "GET" or "POST";

    public async Task HandleAsync(HttpContext context, RequestTarget target)
    {
        var pod = registry.GetOrThrow(target.Definition, target.Namespace ?? "default", target.Name!).Object;
        var podIp = pod["status"].Str("podIP");
        if (pod["status"].Str("phase") != "Running" || string.IsNullOrEmpty(podIp))
            throw StatusException.BadRequest($"pod {target.Name} is not running and cannot be port-forwarded");
        var upgrade = context.Features.Get<IHttpUpgradeFeature>();
        if (upgrade is not { IsUpgradableRequest: true })
            throw StatusException.BadRequest("Upgrade request required");

        var headers = context.Request.Headers;
        var session = (Stream transport) => new PortForwardSession(new SpdyConnection(transport), pod.Name(), pod.Meta().Str("uid") ?? "", podIp, logger);
        if (headers.Upgrade.ToString().Equals("websocket", StringComparison.OrdinalIgnoreCase))
        {
            var offered = headers.SecWebSocketProtocol.ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (!offered.Contains(TunnelProtocol, StringComparer.Ordinal))
                throw StatusException.BadRequest($"unable to upgrade: unsupported subprotocols {string.Join(",", offered)}; expected {TunnelProtocol}");
            var accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(headers.SecWebSocketKey.ToString() + WebSocketGuid)));
            context.Response.Headers.Upgrade = "websocket";
            context.Response.Headers.Connection = "Upgrade";
            context.Response.Headers.SecWebSocketAccept = accept;
            context.Response.Headers.SecWebSocketProtocol = TunnelProtocol;
            var raw = await upgrade.UpgradeAsync();
            var socket = WebSocket.CreateFromStream(raw, new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = TimeSpan.Zero });
            await using var stream = new WebSocketByteStream(socket);
            await session(stream).RunAsync(context.RequestAborted);
            return;
        }
        if (!headers.Upgrade.ToString().StartsWith("SPDY/3.1", StringComparison.OrdinalIgnoreCase))
            throw StatusException.BadRequest($"unable to upgrade: unsupported protocol {headers.Upgrade}");
        var versions = headers["X-Stream-Protocol-Version"].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries)).ToList();
        if (versions.Count > 0 && !versions.Contains(StreamProtocol))
            throw new StatusException(403, "Forbidden", $"unable to upgrade: unable to negotiate protocol: client supports {string.Join(",", versions)}, server supports [{StreamProtocol}]");
        context.Response.Headers.Upgrade = "SPDY/3.1";
        context.Response.Headers.Connection = "Upgrade";
        context.Response.Headers["X-Stream-Protocol-Version"] = StreamProtocol;
        await using var spdy = await upgrade.UpgradeAsync();
        await session(spdy).RunAsync(context.RequestAborted);
    }
}
