using System.Net.Http;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Emulator.Domain.Kubelet;
using Emulator.Domain.Kubelet.Shell;
using Emulator.Domain.Resources;
using Emulator.Domain.Workloads;

namespace Emulator.Infrastructure.Kubelet;

/// <summary>One probe's outcome and the prober's output text, as the Unhealthy event quotes it.</summary>
public sealed record ProbeOutcome(bool Success, string Output);

/// <summary>
/// Probes (pkg/kubelet/prober, pkg/probe/http and tcp) really executed against the pod IP: httpGet succeeds on a
/// 200–399 answer, tcpSocket on an accepted connection, exec against the interpreted script's files when the container runs one, else success. The
/// failure texts are the real prober's: "HTTP probe failed with statuscode: 500", Go's dial errors.
/// </summary>
public static class Prober
{
    private const string UserAgent = "kube-probe/1.35";

    private static readonly HttpClient Http = new(new SocketsHttpHandler
    {
        UseProxy = false, AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.Zero,
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    public static async Task<ProbeOutcome> RunAsync(JsonObject container, ProbeSpec probe, string podIp, ShellHost? shell, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(probe.Timeout);
        var handler = probe.Handler;
        if (handler["httpGet"] is JsonObject get)
        {
            var port = ResolvePort(container, get["port"]);
            var path = get.Str("path") ?? "/";
            var scheme = (get.Str("scheme") ?? "HTTP").ToLowerInvariant();
            var host = get.Str("host") is { Length: > 0 } h ? h : podIp;
            var url = $"{scheme}://{host}:{port}{(path.StartsWith('/') ? path : "/" + path)}";
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
                request.Headers.TryAddWithoutValidation("Accept", "*/*");
                foreach (var header in (get["httpHeaders"] as JsonArray)?.OfType<JsonObject>() ?? [])
                    request.Headers.TryAddWithoutValidation(header.Str("name") ?? "", header.Str("value") ?? "");
                request.Headers.ConnectionClose = true;
                using var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
                var code = (int)response.StatusCode;
                return code is >= 200 and < 400
                    ? new ProbeOutcome(true, "")
                    : new ProbeOutcome(false, $"HTTP probe failed with statuscode: {code}");
            }
            catch (Exception e) when (e is HttpRequestException or SocketException or OperationCanceledException or IOException && !ct.IsCancellationRequested)
            {
                return new ProbeOutcome(false, $"Get \"{url}\": {GoError(e, host, port, http: true)}");
            }
        }
        if (handler["tcpSocket"] is JsonObject tcp)
        {
            var port = ResolvePort(container, tcp["port"]);
            var host = tcp.Str("host") is { Length: > 0 } h ? h : podIp;
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(host, port, cts.Token);
                return new ProbeOutcome(true, "");
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException or IOException && !ct.IsCancellationRequested)
            {
                return new ProbeOutcome(false, GoError(e, host, port, http: false));
            }
        }
        if (handler["exec"]?["command"] is JsonArray command && shell is not null)
            return await ExecAsync(command.Select(n => n?.ToString() ?? "").ToList(), shell, probe.Timeout, ct);
        return new ProbeOutcome(true, "");
    }

    /// <summary>
    /// An exec probe in a container whose process is an interpreted script: the command runs against the same files
    /// (so `cat /tmp/healthy` sees what the script touched and removed); exit 0 is success, the output is the message.
    /// Commands the interpreter does not know succeed, as exec probes do for every other emulation.
    /// </summary>
    private static async Task<ProbeOutcome> ExecAsync(IReadOnlyList<string> argv, ShellHost shell, TimeSpan timeout, CancellationToken ct)
    {
        var program = ContainerCommand.Program(argv);
        if (program.Script is null) return new ProbeOutcome(true, "");
        var output = new List<string>();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            var code = await ShellInterpreter.RunAsync(program.Script, shell.Exec(output.Add), program.Positional, cts.Token);
            return new ProbeOutcome(code == 0, string.Join("\n", output));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new ProbeOutcome(false, $"command \"{string.Join(" ", argv)}\" timed out");
        }
    }

    /// <summary>How Go's net package words the failure, which is what the real prober reports.</summary>
    private static string GoError(Exception e, string host, int port, bool http)
    {
        var socket = e as SocketException ?? e.InnerException as SocketException;
        if (socket?.SocketErrorCode == SocketError.ConnectionRefused) return $"dial tcp {host}:{port}: connect: connection refused";
        if (socket?.SocketErrorCode == SocketError.ConnectionReset) return $"read tcp {host}:{port}: read: connection reset by peer";
        if (e is OperationCanceledException)
            return http ? "context deadline exceeded (Client.Timeout exceeded while awaiting headers)" : $"dial tcp {host}:{port}: i/o timeout";
        return http && socket is null ? "EOF" : $"dial tcp {host}:{port}: {socket?.Message ?? e.Message}";
    }

    /// <summary>A number, or the name of one of the container's ports.</summary>
    internal static int ResolvePort(JsonObject container, JsonNode? port)
    {
        if (JsonNumber.Long(port) is { } n) return (int)n;
        var name = port is JsonValue v ? v.ToString() : "";
        if (int.TryParse(name, out var parsed)) return parsed;
        return (container["ports"] as JsonArray)?.OfType<JsonObject>().Where(p => p.Str("name") == name)
            .Select(p => JsonNumber.Int(p["containerPort"], 0)).FirstOrDefault() ?? 0;
    }
}
