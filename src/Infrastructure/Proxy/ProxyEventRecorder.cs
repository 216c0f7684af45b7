using System.Globalization;
using System.Text.Json.Nodes;
using Emulator.Domain.Resources;
using Emulator.Infrastructure.Registry;

namespace Emulator.Infrastructure.Proxy;

/// <summary>
/// Writes the proxy's Warning Events on Services (as kube-proxy's event recorder does, source component
/// "kube-proxy"), once per frontend and reason, so resyncs do not repeat them.
/// </summary>
public sealed class ProxyEventRecorder(GenericRegistry registry, TimeProvider time)
{
    private readonly HashSet<(string Uid, string Frontend, string Reason)> _reported = [];
    private readonly Lock _gate = new();

    public async Task WarnBindFailureAsync(JsonObject service, BindFailure failure, CancellationToken ct)
    {
        var uid = service.Meta().Str("uid") ?? "";
        var frontend = failure.Frontend.ToString();
        lock (_gate)
        {
            if (!_reported.Add((uid, frontend, failure.Reason))) return;
        }
        var now = time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var ns = service.Namespace() ?? "default";
        var evt = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Event",
            ["metadata"] = new JsonObject
            {
                ["name"] = $"{service.Name()}.{time.GetUtcNow().ToUnixTimeMilliseconds() * 1_000_000:x}",
                ["namespace"] = ns,
            },
            ["involvedObject"] = new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Service",
                ["namespace"] = ns,
                ["name"] = service.Name(),
                ["uid"] = uid,
                ["resourceVersion"] = service.ResourceVersion(),
            },
            ["reason"] = "FailedToListen",
            ["message"] = $"can't open port \"{frontend}\", skipping it: {failure.Reason}",
            ["type"] = "Warning",
            ["source"] = new JsonObject { ["component"] = "kube-proxy" },
            ["firstTimestamp"] = now,
            ["lastTimestamp"] = now,
            ["count"] = 1,
            ["reportingComponent"] = "kube-proxy",
            ["reportingInstance"] = "kube-proxy",
        };
        await registry.CreateAsync(registry.Catalog.Get("", "Event"), ns, evt, false, ct);
    }
}
