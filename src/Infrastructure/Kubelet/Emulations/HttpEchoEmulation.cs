using System.Globalization;
using Emulator.Domain.Workloads;

namespace Emulator.Infrastructure.Kubelet.Emulations;

/// <summary>
/// hashicorp/http-echo (main.go, handlers.go): answers every path with -text and a newline (or ECHO_TEXT), with
/// -status-code, on -listen (:5678); /health answers {"status":"ok"}; an access log line per request. Without a text
/// it prints the real complaint and exits 127.
/// </summary>
public sealed class HttpEchoEmulation(TimeProvider time) : IImageEmulation
{
    private const string Version = "1.0.0";

    public bool Handles(ImageReference image) => image.Repository is "hashicorp/http-echo" or "ealen/echo-server-http-echo";

    public (IReadOnlyList<string> Entrypoint, IReadOnlyList<string> Cmd) Defaults => (["/http-echo"], []);

    /// <summary>It traps SIGTERM, shuts the server down and exits 2 ("don't exit cleanly").</summary>
    public int StopExitCode => 2;

    public Task<IAsyncDisposable> StartAsync(ContainerContext c, CancellationToken ct)
    {
        var argv = c.Argv;
        if (argv.Count == 0 || Path.GetFileName(argv[0]) != "http-echo")
            throw new EmulationNotSupportedException($"http-echo runs {(argv.Count == 0 ? "nothing" : argv[0])}, not /http-echo");
        var flags = new GoFlags(argv.Skip(1), new HashSet<string> { "version" });
        if (flags.Bool("version", false))
        {
            c.Log($"http-echo v{Version}");
            c.Exit(0);
            return Task.FromResult<IAsyncDisposable>(NothingRunning.Instance);
        }
        var text = flags["text"] ?? "";
        if (text.Length == 0) text = c.Environment.GetValueOrDefault("ECHO_TEXT") ?? "";
        if (text.Length == 0 || flags.Positional.Count > 0)
        {
            c.Log(text.Length == 0 ? "Missing -text option OR ENV var TEXT is empty!" : "Too many arguments!");
            c.Exit(127);
            return Task.FromResult<IAsyncDisposable>(NothingRunning.Instance);
        }
        var listen = flags["listen"] ?? ":5678";
        var port = int.TryParse(listen[(listen.LastIndexOf(':') + 1)..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) ? p : 5678;
        var status = flags.Int("status-code", 200);
        (string, string)[] headers = [("X-App-Name", "http-echo"), ("X-App-Version", Version)];
        var server = MiniHttpServer.Start(c.PodIp, port, request =>
        {
            if (request.Path == "/health") return HttpReply.GoText(200, "{\"status\":\"ok\"}\n") with { Headers = headers };
            var started = time.GetTimestamp();
            var reply = HttpReply.GoText(status, text + "\n") with { Headers = headers };
            var micros = time.GetElapsedTime(started).TotalMicroseconds;
            c.Log($"{time.GetUtcNow().ToString("yyyy/MM/dd HH:mm:ss", CultureInfo.InvariantCulture)} {request.Header("host") ?? ""} " +
                $"{request.RemoteAddress}:{request.RemotePort} \"{request.Method} {request.Path} {request.Version}\" {status} {reply.Body.Length} " +
                $"\"{request.Header("user-agent") ?? ""}\" {Math.Max(1, micros).ToString("0.###", CultureInfo.InvariantCulture)}µs");
            return reply;
        });
        c.Log(GoLog.Line(time, $"[INFO] server is listening on {listen}"));
        return Task.FromResult<IAsyncDisposable>(server);
    }
}
