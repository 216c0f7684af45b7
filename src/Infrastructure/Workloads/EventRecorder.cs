using System.Globalization;
using System.Text.Json.Nodes;
using Emulator.Domain.Errors;
using Emulator.Domain.Resources;
using Emulator.Infrastructure.Registry;

namespace Emulator.Infrastructure.Workloads;

/// <summary>
/// What client-go's record.EventRecorder writes for a controller: a core/v1 Event named "&lt;object&gt;.&lt;hex nanos&gt;"
/// in the object's namespace (default for cluster-scoped objects), through the registry like any other write.
/// Events are best effort: a refused write (namespace terminating, object gone) is dropped, as the real broadcaster does.
/// </summary>
public sealed class EventRecorder(GenericRegistry registry, TimeProvider time)
{
    public async Task RecordAsync(JsonObject involved, string type, string reason, string message, string component, string? host,
        CancellationToken ct, string? fieldPath = null)
    {
        var events = registry.Catalog.Get("", "Event");
        var now = time.GetUtcNow();
        var ns = involved.Namespace() is { Length: > 0 } n ? n : "default";
        var stamp = SystemFields.Timestamp(now);
        var nanos = (now.ToUnixTimeMilliseconds() * 1_000_000) + Random.Shared.Next(1_000_000);
        var involvedObject = new JsonObject
        {
            ["kind"] = involved.Str("kind"), ["namespace"] = involved.Namespace(), ["name"] = involved.Name(),
            ["uid"] = involved.Meta().Str("uid"), ["apiVersion"] = involved.Str("apiVersion"),
            ["resourceVersion"] = involved.ResourceVersion(),
        };
        if (involved.Namespace() is null) involvedObject.Remove("namespace");
        if (fieldPath is not null) involvedObject["fieldPath"] = fieldPath;
        var source = new JsonObject { ["component"] = component };
        if (host is not null) source["host"] = host;
        var evt = new JsonObject
        {
            ["apiVersion"] = "v1", ["kind"] = "Event",
            ["metadata"] = new JsonObject
            {
                ["name"] = $"{involved.Name()}.{nanos.ToString("x", CultureInfo.InvariantCulture)}", ["namespace"] = ns,
            },
            ["involvedObject"] = involvedObject,
            ["reason"] = reason, ["message"] = message, ["source"] = source,
            ["firstTimestamp"] = stamp, ["lastTimestamp"] = stamp, ["count"] = 1, ["type"] = type,
            ["eventTime"] = null, ["reportingComponent"] = component, ["reportingInstance"] = host ?? "",
        };
        try
        {
            await registry.CreateAsync(events, ns, evt, dryRun: false, ct);
        }
        catch (StatusException)
        {
        }
    }
}
