using System.Text.Json.Nodes;

namespace Emulator.Domain.Resources.Core.Services;

/// <summary>The static defaults of SetDefaults_Service (pkg/apis/core/v1/defaults.go) that need no allocator.</summary>
public static class ServiceDefaults
{
    public static void Apply(JsonObject svc)
    {
        if (svc["spec"] is not JsonObject spec) svc["spec"] = spec = new JsonObject();
        var type = spec.Str("type");
        if (string.IsNullOrEmpty(type)) spec["type"] = type = "ClusterIP";
        var affinity = spec.Str("sessionAffinity");
        if (string.IsNullOrEmpty(affinity)) spec["sessionAffinity"] = affinity = "None";
        if (affinity == "None") spec.Remove("sessionAffinityConfig");
        if (spec["ports"] is JsonArray ports)
        {
            foreach (var port in ports.OfType<JsonObject>())
            {
                if (string.IsNullOrEmpty(port.Str("protocol"))) port["protocol"] = "TCP";
                var target = port["targetPort"];
                var unset = target is null
                    || (target is JsonValue v && ((v.TryGetValue<string>(out var s) && s.Length == 0) || (v.TryGetValue<long>(out var n) && n == 0)));
                if (unset && port["port"] is { } p) port["targetPort"] = p.DeepClone();
            }
        }
        var externallyAccessible = type is "NodePort" or "LoadBalancer"
            || (type == "ClusterIP" && spec["externalIPs"] is JsonArray { Count: > 0 });
        if (externallyAccessible && string.IsNullOrEmpty(spec.Str("externalTrafficPolicy"))) spec["externalTrafficPolicy"] = "Cluster";
        if (type != "ExternalName" && spec["internalTrafficPolicy"] is null) spec["internalTrafficPolicy"] = "Cluster";
        if (type == "LoadBalancer" && spec["allocateLoadBalancerNodePorts"] is null) spec["allocateLoadBalancerNodePorts"] = true;
    }
}
