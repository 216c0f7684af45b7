using System.Globalization;
using System.Text;
using Emulator.Domain.Workloads;

namespace Emulator.Infrastructure.Kubelet.Emulations;

/// <summary>
/// registry.k8s.io/e2e-test-images/agnhost (test/images/agnhost): the subcommand in args[0] picks the behaviour.
/// serve-hostname answers the pod name over HTTP (or raw TCP/UDP) on --port 9376; netexec serves /hostname, /echo,
/// /clientip, /healthz, /exit, /redirect and / on --http-port 8080 and the UDP commands on --udp-port 8081; pause
/// idles. Other subcommands are not emulated.
/// </summary>
public sealed class AgnhostEmulation(TimeProvider time) : IImageEmulation
{
    private static readonly HashSet<string> Images = new(StringComparer.Ordinal)
    {
        "registry.k8s.io/e2e-test-images/agnhost", "k8s.gcr.io/e2e-test-images/agnhost", "gcr.io/kubernetes-e2e-test-images/agnhost",
    };

    private static readonly HashSet<string> Booleans = ["tcp", "udp", "http", "close"];

    public bool Handles(ImageReference image) => Images.Contains(image.Repository);

    public (IReadOnlyList<string> Entrypoint, IReadOnlyList<string> Cmd) Defaults => (["/agnhost"], ["pause"]);

    public Task<IAsyncDisposable> StartAsync(ContainerContext container, CancellationToken ct)
    {
        var argv = container.Argv;
        if (argv.Count == 0 || Path.GetFileName(argv[0]) != "agnhost")
            throw new EmulationNotSupportedException($"agnhost runs {(argv.Count == 0 ? "nothing" : argv[0])}, not /agnhost");
        var mode = argv.Count > 1 ? argv[1] : "";
        var flags = new GoFlags(argv.Skip(2), Booleans);
        return Task.FromResult(mode switch
        {
            "serve-hostname" => ServeHostname(container, flags),
            "netexec" => Netexec(container, flags),
            "pause" => Pause(container),
            _ => throw new EmulationNotSupportedException($"agnhost {mode} is not emulated"),
        });
    }

    private IAsyncDisposable Pause(ContainerContext container)
    {
        container.Log("Paused");
        return NothingRunning.Instance;
    }

    private IAsyncDisposable ServeHostname(ContainerContext c, GoFlags flags)
    {
        bool tcp = flags.Bool("tcp", false), udp = flags.Bool("udp", false), http = flags.Bool("http", true), close = flags.Bool("close", false);
        var port = flags.Int("port", 9376);
        if (http && (tcp || udp))
        {
            c.Log(GoLog.Line(time, "Can't server TCP/UDP mode and HTTP mode at the same time"));
            c.Exit(1);
            return NothingRunning.Instance;
        }
        var hostname = Encoding.UTF8.GetBytes(c.Hostname);
        var handles = new List<IAsyncDisposable>();
        try
        {
            if (tcp)
                handles.Add(TcpGreeter.Start(c.PodIp, port, remote => { c.Log(GoLog.Line(time, $"TCP request from {remote}")); return hostname; }));
            if (udp)
                handles.Add(UdpResponder.Start(c.PodIp, port, (_, remote) => { c.Log(GoLog.Line(time, $"UDP request from {remote}")); return hostname; }));
            if (http)
            {
                handles.Add(MiniHttpServer.Start(c.PodIp, port, request =>
                {
                    c.Log(GoLog.Line(time, $"HTTP request from {request.RemoteAddress}:{request.RemotePort}"));
                    var reply = HttpReply.GoText(200, c.Hostname);
                    return close ? reply with { Headers = [("Connection", "close")] } : reply;
                }));
            }
        }
        catch
        {
            foreach (var h in handles) h.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
        c.Log(GoLog.Line(time, $"Serving on port {port}."));
        return new ProcessHandles([.. handles]);
    }

    private IAsyncDisposable Netexec(ContainerContext c, GoFlags flags)
    {
        var httpPort = flags.Int("http-port", 8080);
        var udpPort = flags.Int("udp-port", 8081);
        var started = time.GetTimestamp();
        var udpReady = false;
        UdpResponder? udp = null;
        if (udpPort != -1)
        {
            udp = UdpResponder.Start(c.PodIp, udpPort, (data, remote) =>
            {
                var text = Encoding.UTF8.GetString(data).Trim().ToLowerInvariant();
                if (text == "hostname") { c.Log(GoLog.Line(time, "Sending udp hostName response")); return Encoding.UTF8.GetBytes(c.Hostname); }
                if (text.StartsWith("echo ", StringComparison.Ordinal))
                {
                    var message = text[5..];
                    c.Log(GoLog.Line(time, $"Echoing {message} to UDP client {remote}"));
                    return Encoding.UTF8.GetBytes(message);
                }
                if (text == "clientip") { c.Log(GoLog.Line(time, $"Sending clientip back to UDP client {remote}")); return Encoding.UTF8.GetBytes(remote.ToString()); }
                if (text.Length > 0) c.Log(GoLog.Line(time, $"Unknown UDP command received from {remote}: {text}"));
                return null;
            });
            c.Log(GoLog.Line(time, $"Started UDP server on port  {udpPort}"));
            udpReady = true;
        }
        MiniHttpServer server;
        try
        {
            server = MiniHttpServer.Start(c.PodIp, httpPort, request => NetexecHandle(c, request, udpReady, started));
        }
        catch
        {
            udp?.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
        c.Log(GoLog.Line(time, $"Started HTTP server on port {httpPort}"));
        return udp is null ? server : new ProcessHandles(udp, server);
    }

    private HttpReply NetexecHandle(ContainerContext c, HttpRequestInfo request, bool udpReady, long started)
    {
        string Q(string name) => HttpReply.Query(request, name);
        switch (request.Path)
        {
            case "/hostname" or "/hostName":
                c.Log(GoLog.Line(time, $"GET {request.Path}"));
                return HttpReply.GoText(200, c.Hostname);
            case "/clientip":
                c.Log(GoLog.Line(time, "GET /clientip"));
                return HttpReply.GoText(200, $"{request.RemoteAddress}:{request.RemotePort}");
            case "/echo":
            {
                var (msg, code) = (Q("msg"), Q("code"));
                c.Log(GoLog.Line(time, $"GET /echo?msg={msg}&code={code}"));
                if (code.Length == 0) return HttpReply.GoText(200, msg);
                return int.TryParse(code, NumberStyles.Integer, CultureInfo.InvariantCulture, out var status)
                    ? HttpReply.GoText(status, msg)
                    : HttpReply.GoText(200, $"argument 'code' must be an integer or empty, got \"{code}\"\n");
            }
            case "/healthz":
                c.Log(GoLog.Line(time, "GET /healthz"));
                return HttpReply.GoText(udpReady ? 200 : 412, "");
            case "/exit":
            {
                var code = Q("code");
                c.Log(GoLog.Line(time, $"GET /exit?code={code}&timeout={Q("timeout")}&wait={Q("wait")}"));
                if (!int.TryParse(code.Length == 0 ? "0" : code, NumberStyles.Integer, CultureInfo.InvariantCulture, out var exit))
                    return HttpReply.GoText(200, $"argument 'code' must be an integer [0-127] or empty, got \"{code}\"\n");
                c.Log(GoLog.Line(time, $"Will begin shutdown in 0s, allowing 0s for connections to close, then will exit with {exit}"));
                c.Exit(exit);
                return HttpReply.Drop;
            }
            case "/shutdown":
                c.Log(GoLog.Line(time, "GET /shutdown"));
                c.Exit(0);
                return HttpReply.Drop;
            case "/redirect":
            {
                var (location, code) = (Q("location"), Q("code"));
                c.Log(GoLog.Line(time, $"{request.Method} /redirect?msg={location}&code={code}"));
                var status = code.Length == 0 ? 302 : int.TryParse(code, NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : 302;
                return HttpReply.Text(status, "text/html; charset=utf-8", $"<a href=\"{location}\">{(status == 302 ? "Found" : "Redirect")}</a>.\n\n")
                    with { Headers = [("Location", location)] };
            }
            case "/dial" or "/shell" or "/upload":
                c.Log(GoLog.Line(time, $"GET {request.Path}"));
                return HttpReply.GoText(501, $"agnhost netexec {request.Path} is not emulated by the Kubernetes API emulator\n");
            default:
                c.Log(GoLog.Line(time, "GET /"));
                var elapsed = time.GetElapsedTime(started).TotalSeconds;
                var now = time.GetUtcNow().UtcDateTime;
                return HttpReply.GoText(200,
                    $"NOW: {now.ToString("yyyy-MM-dd HH:mm:ss.fffffff", CultureInfo.InvariantCulture)}00 +0000 UTC m=+{elapsed.ToString("0.000000000", CultureInfo.InvariantCulture)}");
        }
    }
}
