using System.Text.Json.Nodes;
using Emulator.Api.Endpoints;
using Emulator.Api.Http;
using Emulator.Api.Proxy.PortForward;
using Emulator.Api.Proxy.Streaming;
using Emulator.Api.Security;
using Emulator.Domain.Errors;
using Emulator.Domain.Resources;
using Emulator.Infrastructure.Kubelet;
using Emulator.Infrastructure.Registry;

namespace Emulator.Api.Proxy.Exec;

/// <summary>
/// <c>GET|POST /api/v1/namespaces/{ns}/pods/{name}/exec</c> and <c>/attach</c>: the API server's checks (pkg/registry/core/pod
/// strategy.go streamLocation: the container must be named when there are several, must exist, the pod must have a
/// node), then the kubelet's (the container must be running: "container not found"), then the upgrade kubectl asked
/// for: a WebSocket with subprotocol v5.channel.k8s.io (or v4) or the SPDY/3.1 fallback, served by
/// <see cref="ExecSession"/> or <see cref="AttachSession"/>.
/// </summary>
public sealed class ExecHandler(GenericRegistry registry, IServiceProvider services, PodLogs logs, RequestAuthorizer authorizer) : ISubresourceHandler
{
    // Absent when the emulator runs without controllers: then no container runs anywhere.
    private SimulatedKubelet? Kubelet => services.GetService<SimulatedKubelet>();

    private static readonly string[] WebSocketProtocols = ["v5.channel.k8s.io", "v4.channel.k8s.io"];
    private static readonly string[] SpdyProtocols = ["v5.channel.k8s.io", "v4.channel.k8s.io"];

    public bool Handles(RequestTarget target, string method) =>
        target.Definition.Kind is { Group: "", Plural: "pods" } && target.Subresource is "exec" or "attach" && target.Name is not null
        && method is "GET" or "POST";

    public async Task HandleAsync(HttpContext context, RequestTarget target)
    {
        var ns = target.Namespace ?? "default";
        var attach = target.Subresource == "attach";
        StreamUpgrade.RequireCreate(context, authorizer, target.Subresource!, ns, target.Name!);
        var pod = registry.GetOrThrow(target.Definition, ns, target.Name!).Object;
        var request = ExecRequest.From(context.Request.Query);
        var container = ContainerOf(pod, request.Container);
        if (string.IsNullOrEmpty(pod["spec"].Str("nodeName"))) throw StatusException.BadRequest($"pod {pod.Name()} does not have a host assigned");
        if (!attach && request.Command.Count == 0) throw StatusException.BadRequest("you must specify at least 1 command");
        if (!request.Stdin && !request.Stdout && !request.Stderr) throw StatusException.BadRequest("you must specify at least 1 of stdin, stdout, stderr");
        var upgrade = StreamUpgrade.Require(context);
        var uid = pod.Meta().Str("uid") ?? "";
        Emulator.Domain.Kubelet.Exec.ContainerConsole? console = null;
        var kubelet = Kubelet;
        var host = attach ? null : kubelet?.ExecHost(ns, pod.Name(), uid, container);
        if (kubelet is null || (attach ? !kubelet.TryAttach(ns, pod.Name(), uid, container, out console) : host is null))
        {
            // The kubelet's plain-text 500, which the API server's upgrade proxy passes through and kubectl prints as
            // "error: unable to upgrade connection: container not found (\"name\")".
            context.Response.StatusCode = 500;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync($"container not found (\"{container}\")");
            return;
        }

        IExecTransport transport;
        if (StreamUpgrade.IsWebSocket(context))
        {
            var offered = StreamUpgrade.OfferedSubprotocols(context);
            var protocol = offered.FirstOrDefault(WebSocketProtocols.Contains)
                ?? throw StatusException.BadRequest($"unable to upgrade: unsupported subprotocols {string.Join(",", offered)}");
            transport = new WebSocketExecTransport(await StreamUpgrade.AcceptWebSocketAsync(context, upgrade, protocol));
        }
        else
        {
            var (stream, _) = await StreamUpgrade.AcceptSpdyAsync(context, upgrade, SpdyProtocols);
            transport = new SpdyExecTransport(new SpdyConnection(stream), request);
        }
        await using (transport)
        {
            try
            {
                await transport.StartAsync(context.RequestAborted);
                if (attach) await new AttachSession(transport, request, console, logs, ns, pod.Name(), container).RunAsync(context.RequestAborted);
                else await new ExecSession(transport, request, host!).RunAsync(context.RequestAborted);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or StatusException
                                           or System.Net.WebSockets.WebSocketException)
            {
                // The client went away (or never opened its streams): nothing is left to tell it.
            }
        }
    }

    /// <summary>streamLocation's container rules, with its messages.</summary>
    public static string ContainerOf(JsonObject pod, string requested)
    {
        var containers = Names(pod["spec"]?["containers"]);
        var inits = Names(pod["spec"]?["initContainers"]);
        if (requested.Length == 0)
        {
            if (containers.Count == 1) return containers[0];
            if (containers.Count == 0) throw StatusException.BadRequest($"a container name must be specified for pod {pod.Name()}");
            var message = $"a container name must be specified for pod {pod.Name()}, choose one of: [{string.Join(" ", containers)}]";
            if (inits.Count > 0) message += $" or one of the init containers: [{string.Join(" ", inits)}]";
            throw StatusException.BadRequest(message);
        }
        if (!containers.Concat(inits).Concat(Names(pod["spec"]?["ephemeralContainers"])).Contains(requested))
            throw StatusException.BadRequest($"container {requested} is not valid for pod {pod.Name()}");
        return requested;
    }

    private static List<string> Names(JsonNode? list) =>
        (list as JsonArray)?.OfType<JsonObject>().Select(c => c.Str("name") ?? "").ToList() ?? [];
}
