using System.Net.Http;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Emulator.Domain.Kubelet;
using Emulator.Domain.Kubelet.Shell;
using Emulator.Domain.Resources;
using Emulator.Domain.Workloads;

namespace Emulator.Infrastructure.Kubelet;

/// <summary>
/// A container's lifecycle handler (pkg/kubelet/lifecycle/handlers.go HandlerRunner.Run) really executed: exec runs
/// the command through the sh interpreter against the container's files, httpGet sends a GET to the pod IP (any
/// answer succeeds, only a transport error fails), sleep waits. Returns whether it succeeded; the caller bounds it
/// by the grace period through the token.
/// </summary>
public static class LifecycleHooks
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler
    {
        UseProxy = false, AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.Zero,
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    public static async Task<bool> RunAsync(JsonObject container, JsonObject handler, string podIp, ShellHost? host, TimeProvider time, CancellationToken ct)
    {
        if (handler["sleep"] is JsonObject sleep)
        {
            await Task.Delay(TimeSpan.FromSeconds(Math.Max(0, JsonNumber.Long(sleep["seconds"]) ?? 0)), time, ct);
            return true;
        }
        if (handler["httpGet"] is JsonObject get)
        {
            var port = Prober.ResolvePort(container, get["port"]);
            var path = get.Str("path") ?? "/";
            var scheme = (get.Str("scheme") ?? "HTTP").ToLowerInvariant();
            var address = get.Str("host") is { Length: > 0 } h ? h : podIp;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"{scheme}://{address}:{port}{(path.StartsWith('/') ? path : "/" + path)}");
                foreach (var header in (get["httpHeaders"] as JsonArray)?.OfType<JsonObject>() ?? [])
                    request.Headers.TryAddWithoutValidation(header.Str("name") ?? "", header.Str("value") ?? "");
                request.Headers.ConnectionClose = true;
                using var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
                return true;
            }
            catch (Exception e) when (e is HttpRequestException or SocketException or IOException)
            {
                return false;
            }
        }
        if (handler["exec"]?["command"] is JsonArray command)
        {
            // Commands the interpreter does not know succeed at once, as exec probes do.
            var program = ContainerCommand.Program(command.Select(n => n?.ToString() ?? "").ToList());
            if (program.Script is null || host is null) return true;
            try
            {
                return await ShellInterpreter.RunAsync(program.Script, host.Exec(_ => { }), program.Positional, ct) == 0;
            }
            catch (ShellSyntaxException)
            {
                return false;
            }
        }
        return true;
    }
}
