using System.Text.Json.Nodes;

namespace Emulator.Domain.Resources.Core.Services;

/// <summary>
/// What the Service registry does to a new object before allocation and validation, given the stored one:
/// normalizeClusterIPs and patchAllocatedValues (k/k pkg/registry/core/service/storage/storage.go) and
/// dropTypeDependentFields (pkg/registry/core/service/strategy.go). Each wipes or copies a field only when the
/// user did not also change it, so a deliberate change still reaches validation.
/// </summary>
public static class ServiceUpdatePreparation
{
    /// <summary>On create: an old client set only clusterIP, so clusterIPs follows it.</summary>
    public static void NormalizeClusterIpsOnCreate(JsonObject svc)
    {
        var spec = ServiceFields.Spec(svc);
        var clusterIp = ServiceFields.ClusterIp(svc);
        if (clusterIp.Length > 0 && ServiceFields.ClusterIps(svc).Count == 0) ServiceFields.SetStrings(spec, "clusterIPs", [clusterIp]);
    }

    public static void PrepareForUpdate(JsonObject svc, JsonObject old)
    {
        PatchAllocatedValues(svc, old);
        NormalizeClusterIps(svc, old);
        DropTypeDependentFields(svc, old);
    }

    /// <summary>A PUT of the original manifest (no clusterIP, no nodePort) keeps what was allocated.</summary>
    public static void PatchAllocatedValues(JsonObject svc, JsonObject old)
    {
        var spec = ServiceFields.Spec(svc);
        if (ServiceFields.NeedsClusterIp(old) && ServiceFields.NeedsClusterIp(svc))
        {
            if (ServiceFields.ClusterIp(svc).Length == 0 && ServiceFields.ClusterIp(old).Length > 0) spec["clusterIP"] = ServiceFields.ClusterIp(old);
            if (ServiceFields.ClusterIps(svc).Count == 0 && ServiceFields.ClusterIps(old).Count > 0)
                ServiceFields.SetStrings(spec, "clusterIPs", ServiceFields.ClusterIps(old));
        }
        if (ServiceFields.NeedsNodePort(old) && ServiceFields.NeedsNodePort(svc))
        {
            var used = ServiceFields.NodePorts(old).Intersect(ServiceFields.NodePorts(svc)).ToHashSet();
            var byName = new Dictionary<string, long>();
            foreach (var p in ServiceFields.Ports(old)) byName[p.Str("name") ?? ""] = ServiceFields.Int(p, "nodePort");
            foreach (var p in ServiceFields.Ports(svc))
            {
                if (ServiceFields.Int(p, "nodePort") != 0) continue;
                if (byName.TryGetValue(p.Str("name") ?? "", out var previous) && previous != 0 && !used.Contains(previous)) p["nodePort"] = (int)previous;
            }
        }
        if (ServiceFields.NeedsHealthCheck(old) && ServiceFields.NeedsHealthCheck(svc)
            && ServiceFields.HealthCheckNodePort(svc) == 0 && ServiceFields.HealthCheckNodePort(old) != 0)
            spec["healthCheckNodePort"] = (int)ServiceFields.HealthCheckNodePort(old);
    }

    public static void NormalizeClusterIps(JsonObject svc, JsonObject old)
    {
        var spec = ServiceFields.Spec(svc);
        var oldIps = ServiceFields.ClusterIps(old);
        // An old client patched something else and dropped clusterIPs but kept clusterIP.
        if (oldIps.Count > 0 && ServiceFields.ClusterIps(svc).Count == 0 && ServiceFields.ClusterIp(old) == ServiceFields.ClusterIp(svc))
            ServiceFields.SetStrings(spec, "clusterIPs", oldIps);
        if (ServiceFields.ClusterIp(old) == ServiceFields.ClusterIp(svc)) return;
        var same = oldIps.SequenceEqual(ServiceFields.ClusterIps(svc));
        if (ServiceFields.ClusterIp(old).Length > 0 && ServiceFields.ClusterIp(svc).Length == 0)
        {
            if (same) spec.Remove("clusterIPs");
        }
        else if (same)
        {
            ServiceFields.SetStrings(spec, "clusterIPs", [ServiceFields.ClusterIp(svc)]);
        }
    }

    public static void DropTypeDependentFields(JsonObject svc, JsonObject old)
    {
        var spec = ServiceFields.Spec(svc);
        var oldSpec = old["spec"] as JsonObject ?? new JsonObject();
        if (ServiceFields.NeedsClusterIp(old) && !ServiceFields.NeedsClusterIp(svc))
        {
            if (ServiceFields.ClusterIp(old) == ServiceFields.ClusterIp(svc) && ServiceFields.ClusterIps(old).SequenceEqual(ServiceFields.ClusterIps(svc)))
            {
                spec.Remove("clusterIP");
                spec.Remove("clusterIPs");
            }
            if (ServiceFields.IpFamilies(old).SequenceEqual(ServiceFields.IpFamilies(svc))) spec.Remove("ipFamilies");
            if (oldSpec.Str("ipFamilyPolicy") == spec.Str("ipFamilyPolicy")) spec.Remove("ipFamilyPolicy");
        }
        if (ServiceFields.NeedsNodePort(old) && !ServiceFields.NeedsNodePort(svc) && SameNodePorts(old, svc))
            foreach (var p in ServiceFields.Ports(svc)) p.Remove("nodePort");
        if (ServiceFields.NeedsHealthCheck(old) && !ServiceFields.NeedsHealthCheck(svc)
            && ServiceFields.HealthCheckNodePort(old) == ServiceFields.HealthCheckNodePort(svc))
            spec.Remove("healthCheckNodePort");
        if (ServiceFields.Type(old) == "LoadBalancer" && ServiceFields.Type(svc) != "LoadBalancer")
        {
            if (oldSpec["allocateLoadBalancerNodePorts"] is { } a && spec["allocateLoadBalancerNodePorts"] is { } b && JsonNode.DeepEquals(a, b))
                spec.Remove("allocateLoadBalancerNodePorts");
            if (oldSpec.Str("loadBalancerClass") == spec.Str("loadBalancerClass")) spec.Remove("loadBalancerClass");
        }
        if (ServiceFields.ExternallyAccessible(old) && !ServiceFields.ExternallyAccessible(svc)
            && oldSpec.Str("externalTrafficPolicy") == spec.Str("externalTrafficPolicy"))
            spec.Remove("externalTrafficPolicy");
        // The load-balancer status no longer applies once the type is not LoadBalancer.
        if (ServiceFields.Type(svc) != "LoadBalancer") svc["status"] = new JsonObject { ["loadBalancer"] = new JsonObject() };
    }

    // sameNodePorts: the same list of nodePort values, port by port.
    private static bool SameNodePorts(JsonObject a, JsonObject b)
    {
        var pa = ServiceFields.Ports(a);
        var pb = ServiceFields.Ports(b);
        return pa.Count == pb.Count && pa.Zip(pb).All(p => ServiceFields.Int(p.First, "nodePort") == ServiceFields.Int(p.Second, "nodePort"));
    }
}
