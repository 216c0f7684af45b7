using System.Text.Json.Nodes;

namespace Emulator.Domain.Resources.Core.Services;

/// <summary>The static defaults of SetDefaults_Service (k/k pkg/apis/core/v1/defaults.go) that need no allocator.</summary>
public static class ServiceDefaults
{
    // ClientIP affinity without a timeout gets three hours (DefaultClientIPServiceAffinitySeconds in core/v1 types.go).
    public const int DefaultClientIpTimeoutSeconds = 10800;

    public static void Apply(JsonObject svc)
    {
        var spec = ServiceFields.Spec(svc);
        var type = spec.Str("type");
        if (string.IsNullOrEmpty(type)) spec["type"] = type = "ClusterIP";
        var affinity = spec.Str("sessionAffinity");
        if (string.IsNullOrEmpty(affinity)) spec["sessionAffinity"] = affinity = "None";
        if (affinity == "None") spec.Remove("sessionAffinityConfig");
        if (affinity == "ClientIP") DefaultClientIpTimeout(spec);
        if (spec["ports"] is JsonArray ports)
        {
            foreach (var port in ports.OfType<JsonObject>())
            {
                if (string.IsNullOrEmpty(port.Str("protocol"))) port["protocol"] = "TCP";
                var target = port["targetPort"];
                var unset = target is null
                    || (target is JsonValue v && ((v.TryGetValue<string>(out var s) && s.Length == 0) || (v.GetValueKind() == System.Text.Json.JsonValueKind.Number && ServiceFields.Int(port, "targetPort") == 0)));
                if (unset && port["port"] is { } p) port["targetPort"] = p.DeepClone();
            }
        }
        if (ServiceFields.ExternallyAccessible(svc) && string.IsNullOrEmpty(spec.Str("externalTrafficPolicy"))) spec["externalTrafficPolicy"] = "Cluster";
        // The registry strips internalTrafficPolicy from ExternalName services on read (storage.go
        // defaultOnReadInternalTrafficPolicy); we never store it there, which clients cannot tell apart.
        if (type == "ExternalName") spec.Remove("internalTrafficPolicy");
        else if (spec["internalTrafficPolicy"] is null) spec["internalTrafficPolicy"] = "Cluster";
        if (type == "LoadBalancer" && spec["allocateLoadBalancerNodePorts"] is null) spec["allocateLoadBalancerNodePorts"] = true;
        DefaultIngressIpMode(svc);
    }

    /// <summary>LoadBalancer ingress entries with an ip and no ipMode get VIP (SetDefaults_Service, LoadBalancerIPMode).</summary>
    public static void DefaultIngressIpMode(JsonObject svc)
    {
        if (ServiceFields.Type(svc) != "LoadBalancer") return;
        if (svc["status"]?["loadBalancer"]?["ingress"] is not JsonArray ingress) return;
        foreach (var entry in ingress.OfType<JsonObject>())
            if (!string.IsNullOrEmpty(entry.Str("ip")) && entry["ipMode"] is null) entry["ipMode"] = "VIP";
    }

    private static void DefaultClientIpTimeout(JsonObject spec)
    {
        if (spec["sessionAffinityConfig"] is not JsonObject config) spec["sessionAffinityConfig"] = config = new JsonObject();
        if (config["clientIP"] is not JsonObject clientIp) config["clientIP"] = clientIp = new JsonObject();
        if (clientIp["timeoutSeconds"] is null) clientIp["timeoutSeconds"] = DefaultClientIpTimeoutSeconds;
    }
}
