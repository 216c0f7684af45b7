using System.Net.Http;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Emulator.Domain.Resources;
using Emulator.Domain.Workloads;

namespace Emulator.Infrastructure.Kubelet;

/// <summary>
/// Readiness probes (pkg/kubelet/prober) really executed against the pod IP: httpGet succeeds on a 200–399 answer,
/// tcpSocket on an accepted connection, exec always (there is no process to run a command in). A container with a
/// readinessProbe is unready until its first success; then every periodSeconds decides again.
/// </summary>
public sealed class ReadinessProber
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.FromSeconds(5) })
    {
        Timeout = TimeSpan.FromSeconds(1),
    };

    public static JsonObject? ProbeOf(JsonObject container) => container["readinessProbe"] as JsonObject;

    public static TimeSpan Period(JsonObject probe) => TimeSpan.FromSeconds(Math.Max(1, JsonNumber.Int(probe["periodSeconds"], 10)));

    public static TimeSpan InitialDelay(JsonObject probe) => TimeSpan.FromSeconds(Math.Max(0, JsonNumber.Int(probe["initialDelaySeconds"], 0)));

    public static async Task<bool> RunAsync(JsonObject container, JsonObject probe, string podIp, CancellationToken ct)
    {
        var timeout = TimeSpan.FromSeconds(Math.Max(1, JsonNumber.Int(probe["timeoutSeconds"], 1)));
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            if (probe["httpGet"] is JsonObject get)
            {
                var port = ResolvePort(container, get["port"]);
                var path = get.Str("path") ?? "/";
                var scheme = (get.Str("scheme") ?? "HTTP").ToLowerInvariant();
                using var response = await Http.GetAsync($"{scheme}://{podIp}:{port}{(path.StartsWith('/') ? path : "/" + path)}", cts.Token);
                return (int)response.StatusCode is >= 200 and < 400;
            }
            if (probe["tcpSocket"] is JsonObject tcp)
            {
                using var client = new TcpClient();
                await client.ConnectAsync(podIp, ResolvePort(container, tcp["port"]), cts.Token);
                return true;
            }
            return true;
        }
        catch (Exception e) when (e is HttpRequestException or SocketException or OperationCanceledException or IOException)
        {
            if (ct.IsCancellationRequested) throw;
            return false;
        }
    }

    /// <summary>A number, or the name of one of the container's ports.</summary>
    private static int ResolvePort(JsonObject container, JsonNode? port)
    {
        if (JsonNumber.Long(port) is { } n) return (int)n;
        var name = port is JsonValue v ? v.ToString() : "";
        if (int.TryParse(name, out var parsed)) return parsed;
        return (container["ports"] as JsonArray)?.OfType<JsonObject>().Where(p => p.Str("name") == name)
            .Select(p => JsonNumber.Int(p["containerPort"], 0)).FirstOrDefault() ?? 0;
    }
}
