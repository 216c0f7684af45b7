using System.Globalization;
using System.Text.Json.Nodes;
using Emulator.Domain.Resources;

namespace Emulator.Domain.Proxy;

/// <summary>
/// Turns a Service, its EndpointSlices and the Nodes into what the proxy programs (services-spec §6.1, mirroring
/// k/k pkg/proxy/servicechangetracker.go and endpointslicecache.go): frontends for each ClusterIP, NodePort (on
/// 127.0.0.1 and every node InternalIP), externalIP and LoadBalancer ingress IP, each backed by the endpoints of
/// the slice port with the same name and protocol.
/// </summary>
public static class ServiceProxyPlanner
{
    public const string ServiceNameLabel = "kubernetes.io/service-name";
    public const string ServiceProxyNameLabel = "service.kubernetes.io/service-proxy-name";
    public const string HeadlessLabel = "service.kubernetes.io/headless";

    // v1.DefaultClientIPServiceAffinitySeconds: three hours.
    private const int DefaultAffinitySeconds = 10800;

    /// <summary>Whether kube-proxy handles this Service at all (ExternalName, headless and other proxies' services are skipped).</summary>
    public static bool IsProxied(JsonObject service)
    {
        var labels = service.Labels();
        if (labels.ContainsKey(ServiceProxyNameLabel) || labels.ContainsKey(HeadlessLabel)) return false;
        var spec = service["spec"] as JsonObject;
        if (spec.Str("type") == "ExternalName") return false;
        return ClusterIps(spec).Count > 0;
    }

    public static ServiceProxyPlan Plan(JsonObject service, IEnumerable<JsonObject> slices, IReadOnlyList<NodeAddress> nodes)
    {
        if (!IsProxied(service)) return ServiceProxyPlan.Empty;
        var spec = (JsonObject)service["spec"]!;
        var ns = service.Namespace() ?? "";
        var name = service.Name();
        var sliceList = slices.Where(s => s.Str("addressType") == "IPv4" && s.Labels().GetValueOrDefault(ServiceNameLabel) == name).ToList();
        var internalLocal = spec.Str("internalTrafficPolicy") == "Local";
        var externalLocal = spec.Str("externalTrafficPolicy") == "Local";
        var affinity = AffinityTimeout(spec);
        var clusterIps = ClusterIps(spec);
        var externalIps = ExternalIps(service);
        var ingressIps = IngressIps(service);
        var sourceRanges = (spec["loadBalancerSourceRanges"] as JsonArray ?? []).Select(n => n?.GetValue<string>()).OfType<string>().ToList();
        var result = new List<(ProxyFrontend, ServicePortRoute)>();
        foreach (var port in (spec["ports"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var portName = port.Str("name") ?? "";
            var protocol = port.Str("protocol") ?? "TCP";
            var number = Int(port["port"]);
            if (number is not > 0) continue;
            var route = new ServicePortRoute(ns, name, portName, protocol, Endpoints(sliceList, portName, protocol),
                internalLocal, externalLocal, affinity);
            foreach (var ip in clusterIps) result.Add((new ProxyFrontend(ip, number.Value, protocol, FrontendScope.ClusterIp, null), route));
            foreach (var ip in externalIps) result.Add((new ProxyFrontend(ip, number.Value, protocol, FrontendScope.External, null), route));
            foreach (var ip in ingressIps.Except(externalIps))
                result.Add((new ProxyFrontend(ip, number.Value, protocol, FrontendScope.External, null) { SourceRanges = sourceRanges }, route));
            if (Int(port["nodePort"]) is > 0 and var nodePort)
            {
                result.Add((new ProxyFrontend("127.0.0.1", nodePort, protocol, FrontendScope.NodePort, null), route));
                foreach (var node in nodes.DistinctBy(n => n.InternalIp).Where(n => n.InternalIp != "127.0.0.1"))
                    result.Add((new ProxyFrontend(node.InternalIp, nodePort, protocol, FrontendScope.NodePort, node.Name), route));
            }
        }
        return new ServiceProxyPlan(result) { HealthChecks = HealthChecks(service, sliceList, nodes) };
    }

    /// <summary>
    /// One health check per node InternalIP when the Service is a LoadBalancer with externalTrafficPolicy Local and
    /// a healthCheckNodePort; each counts the distinct ready endpoints (address:port, any service port) on its node,
    /// as kube-proxy's EndpointsMap.LocalReadyEndpoints does.
    /// </summary>
    public static IReadOnlyList<HealthCheckFrontend> HealthChecks(JsonObject service, IReadOnlyList<JsonObject> slices, IReadOnlyList<NodeAddress> nodes)
    {
        var spec = service["spec"] as JsonObject;
        if (spec.Str("type") != "LoadBalancer" || spec.Str("externalTrafficPolicy") != "Local" || Int(spec?["healthCheckNodePort"]) is not { } port || port <= 0)
            return [];
        var endpoints = (spec?["ports"] as JsonArray ?? []).OfType<JsonObject>()
            .SelectMany(p => Endpoints(slices, p.Str("name") ?? "", p.Str("protocol") ?? "TCP"))
            .Where(e => e.Ready && e.NodeName is not null)
            .DistinctBy(e => (e.Address, e.Port))
            .ToList();
        return [.. nodes.DistinctBy(n => n.InternalIp).Where(n => n.InternalIp != "127.0.0.1").Select(n =>
            new HealthCheckFrontend(n.InternalIp, port, n.Name, service.Namespace() ?? "", service.Name(), endpoints.Count(e => e.NodeName == n.Name)))];
    }

    /// <summary>The endpoints behind one service port, across every slice, deduplicated by address and port.</summary>
    public static IReadOnlyList<ProxyEndpoint> Endpoints(IEnumerable<JsonObject> slices, string portName, string protocol)
    {
        var byTarget = new Dictionary<(string, int), ProxyEndpoint>();
        foreach (var slice in slices)
        {
            var slicePort = (slice["ports"] as JsonArray ?? []).OfType<JsonObject>()
                .FirstOrDefault(p => (p.Str("name") ?? "") == portName && (p.Str("protocol") ?? "TCP") == protocol);
            if (slicePort is null || Int(slicePort["port"]) is not { } target || target <= 0) continue;
            foreach (var e in (slice["endpoints"] as JsonArray ?? []).OfType<JsonObject>())
            {
                if ((e["addresses"] as JsonArray)?.FirstOrDefault()?.GetValue<string>() is not { Length: > 0 } address) continue;
                var conditions = e["conditions"] as JsonObject;
                var ready = Bool(conditions?["ready"]) ?? true;
                var endpoint = new ProxyEndpoint(address, target, e.Str("nodeName"), ready,
                    Bool(conditions?["serving"]) ?? ready, Bool(conditions?["terminating"]) ?? false);
                if (!byTarget.TryGetValue((address, target), out var seen) || (!seen.Ready && ready))
                    byTarget[(address, target)] = endpoint;
            }
        }
        return [.. byTarget.Values];
    }

    private static List<string> ClusterIps(JsonObject? spec)
    {
        var ips = (spec?["clusterIPs"] as JsonArray)?.Select(n => n?.GetValue<string>()).OfType<string>().ToList() ?? [];
        if (ips.Count == 0 && spec.Str("clusterIP") is { } single) ips.Add(single);
        return [.. ips.Where(ip => ip is not ("" or "None") && IsIPv4(ip))];
    }

    private static List<string> ExternalIps(JsonObject service)
    {
        var ips = (service["spec"]?["externalIPs"] as JsonArray)?.Select(n => n?.GetValue<string>()).OfType<string>().ToList() ?? [];
        return [.. ips.Where(IsIPv4).Distinct()];
    }

    private static List<string> IngressIps(JsonObject service)
    {
        var ips = new List<string>();
        // ipMode Proxy means the load balancer delivers to the nodes itself, so the node does not capture the IP.
        foreach (var ingress in (service["status"]?["loadBalancer"]?["ingress"] as JsonArray ?? []).OfType<JsonObject>())
            if (ingress.Str("ip") is { Length: > 0 } ip && ingress.Str("ipMode") != "Proxy") ips.Add(ip);
        return [.. ips.Where(IsIPv4).Distinct()];
    }

    private static TimeSpan? AffinityTimeout(JsonObject spec)
    {
        if (spec.Str("sessionAffinity") != "ClientIP") return null;
        var seconds = Int(spec["sessionAffinityConfig"]?["clientIP"]?["timeoutSeconds"]) ?? DefaultAffinitySeconds;
        return TimeSpan.FromSeconds(seconds);
    }

    private static bool IsIPv4(string ip) =>
        System.Net.IPAddress.TryParse(ip, out var a) && a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork;

    // A number may be held as a long (objects written by server-side apply), not only as an int: JsonNumber reads both.
    private static int? Int(JsonNode? node) => node is JsonValue v
        ? Emulator.Domain.Workloads.JsonNumber.Long(v) is { } n and >= int.MinValue and <= int.MaxValue ? (int)n
            : v.TryGetValue<string>(out var s) && int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : null
        : null;

    private static bool? Bool(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;
}
