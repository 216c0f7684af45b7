using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using Emulator.Api.Security;
using Emulator.Domain.Errors;
using Emulator.Domain.Security;
using Microsoft.AspNetCore.Http.Features;

namespace Emulator.Api.Proxy.Streaming;

/// <summary>
/// The two upgrades kubectl's streaming commands (exec, attach, port-forward) start with: a WebSocket (RFC 6455
/// handshake with a negotiated subprotocol, kubectl's first try) or <c>Upgrade: SPDY/3.1</c> with
/// <c>X-Stream-Protocol-Version</c> (the fallback, k8s.io/apimachinery util/httpstream/spdy/upgrade.go).
/// </summary>
public static class StreamUpgrade
{
    private const string WebSocketGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    public static IHttpUpgradeFeature Require(HttpContext context)
    {
        var upgrade = context.Features.Get<IHttpUpgradeFeature>();
        if (upgrade is not { IsUpgradableRequest: true }) throw StatusException.BadRequest("Upgrade request required");
        return upgrade;
    }

    public static bool IsWebSocket(HttpContext context) =>
        context.Request.Headers.Upgrade.ToString().Equals("websocket", StringComparison.OrdinalIgnoreCase);

    /// <summary>The subprotocols the client offered, in its order of preference.</summary>
    public static string[] OfferedSubprotocols(HttpContext context) =>
        context.Request.Headers.SecWebSocketProtocol.ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    public static async Task<WebSocket> AcceptWebSocketAsync(HttpContext context, IHttpUpgradeFeature upgrade, string protocol)
    {
        var headers = context.Request.Headers;
        var accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(headers.SecWebSocketKey.ToString() + WebSocketGuid)));
        context.Response.Headers.Upgrade = "websocket";
        context.Response.Headers.Connection = "Upgrade";
        context.Response.Headers.SecWebSocketAccept = accept;
        context.Response.Headers.SecWebSocketProtocol = protocol;
        var raw = await upgrade.UpgradeAsync();
        return WebSocket.CreateFromStream(raw, new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = TimeSpan.Zero });
    }

    /// <summary>
    /// Picks the first of the client's X-Stream-Protocol-Version values the server speaks (httpstream.Handshake), or
    /// refuses with the real 403 text; then switches protocols.
    /// </summary>
    public static async Task<(Stream Stream, string Protocol)> AcceptSpdyAsync(HttpContext context, IHttpUpgradeFeature upgrade, IReadOnlyList<string> supported)
    {
        var headers = context.Request.Headers;
        if (!headers.Upgrade.ToString().StartsWith("SPDY/3.1", StringComparison.OrdinalIgnoreCase))
            throw StatusException.BadRequest($"unable to upgrade: unsupported protocol {headers.Upgrade}");
        var versions = headers["X-Stream-Protocol-Version"].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries)).ToList();
        var chosen = versions.Count == 0 ? supported[0] : versions.FirstOrDefault(supported.Contains);
        if (chosen is null)
            throw new StatusException(403, "Forbidden",
                $"unable to upgrade: unable to negotiate protocol: client supports {string.Join(",", versions)}, server supports [{string.Join(" ", supported)}]");
        context.Response.Headers.Upgrade = "SPDY/3.1";
        context.Response.Headers.Connection = "Upgrade";
        context.Response.Headers["X-Stream-Protocol-Version"] = chosen;
        return (await upgrade.UpgradeAsync(), chosen);
    }

    /// <summary>
    /// Kubernetes 1.35 (AuthorizePodWebsocketUpgradeCreatePermission, beta, on by default; kubernetes PR 134577): a
    /// WebSocket upgrade is a GET, authorized as get, so pods/exec, pods/attach and pods/portforward also require
    /// create, the verb the SPDY POST is authorized with.
    /// </summary>
    public static void RequireCreate(HttpContext context, RequestAuthorizer authorizer, string subresource, string ns, string name)
    {
        if (!HttpMethods.IsGet(context.Request.Method)) return;
        authorizer.Require(RequestAttributes.ForResource(RequestUser.Get(context), "create", "", "pods", subresource, ns, name)
            with { ApiVersion = "v1", Path = context.Request.Path.Value ?? "" });
    }
}
