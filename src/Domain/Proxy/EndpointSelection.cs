namespace Emulator.Domain.Proxy;

/// <summary>
/// kube-proxy's choice of endpoint for a new connection (pkg/proxy/topology.go CategorizeEndpoints, and the
/// iptables/nftables proxiers' per-service chains): policy narrows to node-local endpoints, ready ones win,
/// serving-and-terminating ones are the fallback, and the pick is uniformly random unless ClientIP affinity holds.
/// </summary>
public static class EndpointSelection
{
    /// <summary>The usable endpoints, restricted to <paramref name="node"/> when a Local policy applies (null = Cluster).</summary>
    public static IReadOnlyList<ProxyEndpoint> Eligible(IReadOnlyList<ProxyEndpoint> endpoints, string? node)
    {
        List<ProxyEndpoint> ready = [], terminating = [];
        foreach (var e in endpoints)
        {
            if (node is not null && e.NodeName != node) continue;
            if (e.Ready) ready.Add(e);
            else if (e.Serving && e.Terminating) terminating.Add(e);
        }
        return ready.Count > 0 ? ready : terminating;
    }

    /// <summary>
    /// The node a client is on, if it is in the cluster: a node's InternalIP, or a pod IP among the endpoints.
    /// Null for the host itself (127.0.0.1), which is outside every node.
    /// </summary>
    public static string? ClientNode(string clientIp, IReadOnlyList<NodeAddress> nodes, IReadOnlyList<ProxyEndpoint> endpoints)
    {
        foreach (var n in nodes) if (n.InternalIp == clientIp) return n.Name;
        foreach (var e in endpoints) if (e.Address == clientIp && e.NodeName is not null) return e.NodeName;
        return null;
    }

    /// <summary>
    /// The node whose endpoints a Local policy restricts to, or null for the cluster-wide set (services-spec §6.6 step 3).
    /// internalTrafficPolicy: Local applies to in-cluster clients of a ClusterIP (a client outside every node has no
    /// "same node", so it gets the cluster set). externalTrafficPolicy: Local applies to outside clients of a NodePort
    /// on a node's address; in-cluster clients are short-circuited to the cluster set, as kube-proxy does.
    /// </summary>
    public static string? LocalNode(ServicePortRoute route, ProxyFrontend frontend, string? clientNode) => frontend.Scope switch
    {
        FrontendScope.ClusterIp => route.InternalLocal ? clientNode : null,
        FrontendScope.NodePort => route.ExternalLocal && clientNode is null ? frontend.NodeName : null,
        _ => null,
    };

    public static RoutingDecision Route(ServicePortRoute route, ProxyFrontend frontend, string clientIp, string? clientNode,
        ClientIpAffinity? affinity, Func<int, int> random)
    {
        if (!frontend.Admits(clientIp)) return RoutingDecision.Dropped;
        var local = LocalNode(route, frontend, clientNode);
        var eligible = Eligible(route.Endpoints, local);
        if (eligible.Count == 0)
            return local is not null && Eligible(route.Endpoints, null).Count > 0 ? RoutingDecision.Dropped : RoutingDecision.Rejected;
        if (affinity is not null && affinity.Recall(clientIp) is { } remembered)
        {
            foreach (var e in eligible)
            {
                if (e.Address != remembered.Address || e.Port != remembered.Port) continue;
                affinity.Remember(clientIp, e);
                return new RoutingDecision.Forward(e);
            }
        }
        var chosen = eligible[random(eligible.Count)];
        affinity?.Remember(clientIp, chosen);
        return new RoutingDecision.Forward(chosen);
    }
}
