using System.Text.Json.Nodes;
using Emulator.Domain.Errors;
using Emulator.Domain.Resources;
using Emulator.Infrastructure.Registry;

namespace Emulator.Infrastructure.Services;

/// <summary>Records core/v1 Events about a Service, as client-go's event recorder does (name = "&lt;service&gt;.&lt;unique suffix&gt;").</summary>
public sealed class ServiceEvents(GenericRegistry registry, TimeProvider time)
{
    public async Task RecordAsync(JsonObject svc, string type, string reason, string message, string component, CancellationToken ct)
    {
        var events = registry.Catalog.Get("", "Event");
        var now = SystemFields.Timestamp(time.GetUtcNow());
        var ns = svc.Namespace() ?? "default";
        var suffix = time.GetUtcNow().UtcTicks.ToString("x", System.Globalization.CultureInfo.InvariantCulture);
        var evt = new JsonObject
        {
            ["apiVersion"] = "v1", ["kind"] = "Event",
            ["metadata"] = new JsonObject { ["name"] = $"{svc.Name()}.{suffix}", ["namespace"] = ns },
            ["involvedObject"] = new JsonObject
            {
                ["kind"] = "Service", ["namespace"] = ns, ["name"] = svc.Name(), ["uid"] = svc.Meta().Str("uid"),
                ["apiVersion"] = "v1", ["resourceVersion"] = svc.ResourceVersion(),
            },
            ["reason"] = reason, ["message"] = message,
            ["source"] = new JsonObject { ["component"] = component },
            ["firstTimestamp"] = now, ["lastTimestamp"] = now, ["count"] = 1, ["type"] = type,
            ["eventTime"] = null, ["reportingComponent"] = component, ["reportingInstance"] = "",
        };
        try
        {
            await registry.CreateAsync(events, ns, evt, dryRun: false, ct);
        }
        catch (StatusException)
        {
            // Events are best effort, as in client-go.
        }
    }
}
