using Emulator.Domain.Proxy;

namespace Emulator.Domain.Tests.Proxy;

public sealed class EndpointSelectionTests
{
    private static readonly ProxyEndpoint ReadyA = new("127.244.1.2", 8080, "node-a", true, true, false);
    private static readonly ProxyEndpoint ReadyB = new("127.244.2.2", 8080, "node-b", true, true, false);
    private static readonly ProxyEndpoint TerminatingA = new("127.244.1.3", 8080, "node-a", false, true, true);
    private static readonly ProxyEndpoint NotReadyB = new("127.244.2.3", 8080, "node-b", false, false, false);
    private static readonly ProxyFrontend ClusterIp = new("127.96.0.20", 80, "TCP", FrontendScope.ClusterIp, null);
    private static readonly ProxyFrontend NodePortOnA = new("127.18.0.2", 30080, "TCP", FrontendScope.NodePort, "node-a");
    private static readonly ProxyFrontend NodePortOnB = new("127.18.0.3", 30080, "TCP", FrontendScope.NodePort, "node-b");
    private static readonly ProxyFrontend NodePortOnLocalhost = new("127.0.0.1", 30080, "TCP", FrontendScope.NodePort, null);

    private static ServicePortRoute Route(IReadOnlyList<ProxyEndpoint> endpoints, bool internalLocal = false, bool externalLocal = false) =>
        new("default", "web", "http", "TCP", endpoints, internalLocal, externalLocal, null);

    [Fact]
    public void Ready_endpoints_win_over_serving_terminating_ones()
    {
        Assert.Equal([ReadyA, ReadyB], EndpointSelection.Eligible([ReadyA, TerminatingA, ReadyB, NotReadyB], null));
    }

    [Fact]
    public void Serving_terminating_endpoints_are_the_fallback_when_none_is_ready()
    {
        Assert.Equal([TerminatingA], EndpointSelection.Eligible([TerminatingA, NotReadyB], null));
    }

    [Fact]
    public void Not_ready_not_serving_endpoints_are_never_used()
    {
        Assert.Empty(EndpointSelection.Eligible([NotReadyB], null));
    }

    [Fact]
    public void A_local_policy_narrows_to_the_node_before_the_fallback_is_computed()
    {
        Assert.Equal([TerminatingA], EndpointSelection.Eligible([TerminatingA, ReadyB], "node-a"));
    }

    [Fact]
    public void No_endpoints_at_all_rejects()
    {
        Assert.IsType<RoutingDecision.Reject>(EndpointSelection.Route(Route([]), ClusterIp, "127.0.0.1", null, null, _ => 0));
        Assert.IsType<RoutingDecision.Reject>(EndpointSelection.Route(Route([NotReadyB]), ClusterIp, "127.0.0.1", null, null, _ => 0));
    }

    [Fact]
    public void External_local_policy_drops_on_a_node_without_local_endpoints_and_forwards_on_one_with()
    {
        var route = Route([ReadyA], externalLocal: true);
        Assert.IsType<RoutingDecision.Drop>(EndpointSelection.Route(route, NodePortOnB, "127.0.0.1", null, null, _ => 0));
        Assert.Equal(ReadyA, Assert.IsType<RoutingDecision.Forward>(EndpointSelection.Route(route, NodePortOnA, "127.0.0.1", null, null, _ => 0)).Endpoint);
    }

    [Fact]
    public void External_local_policy_short_circuits_in_cluster_clients_and_the_node_itself_to_the_cluster_set()
    {
        var route = Route([ReadyA], externalLocal: true);
        Assert.IsType<RoutingDecision.Forward>(EndpointSelection.Route(route, NodePortOnB, "127.18.0.3", "node-b", null, _ => 0));
        Assert.IsType<RoutingDecision.Forward>(EndpointSelection.Route(route, NodePortOnLocalhost, "127.0.0.1", null, null, _ => 0));
    }

    [Fact]
    public void Internal_local_policy_drops_for_a_client_on_a_node_without_endpoints()
    {
        var route = Route([ReadyA], internalLocal: true);
        Assert.IsType<RoutingDecision.Drop>(EndpointSelection.Route(route, ClusterIp, "127.244.2.9", "node-b", null, _ => 0));
        Assert.IsType<RoutingDecision.Forward>(EndpointSelection.Route(route, ClusterIp, "127.244.1.9", "node-a", null, _ => 0));
    }

    [Fact]
    public void External_traffic_policy_does_not_apply_to_cluster_ip_traffic()
    {
        var route = Route([ReadyA], externalLocal: true);
        Assert.IsType<RoutingDecision.Forward>(EndpointSelection.Route(route, ClusterIp, "127.244.2.9", "node-b", null, _ => 0));
    }

    [Theory]
    [InlineData(0, "127.244.1.2")]
    [InlineData(1, "127.244.2.2")]
    public void The_pick_is_the_random_index_among_eligible_endpoints(int index, string expected)
    {
        var decision = EndpointSelection.Route(Route([ReadyA, TerminatingA, ReadyB]), ClusterIp, "127.0.0.1", null, null, n => index % n);
        Assert.Equal(expected, Assert.IsType<RoutingDecision.Forward>(decision).Endpoint.Address);
    }

    [Fact]
    public void Client_node_is_found_from_node_addresses_and_endpoint_pod_ips()
    {
        NodeAddress[] nodes = [new("node-a", "127.18.0.2")];
        Assert.Equal("node-a", EndpointSelection.ClientNode("127.18.0.2", nodes, []));
        Assert.Equal("node-b", EndpointSelection.ClientNode("127.244.2.2", nodes, [ReadyB]));
        Assert.Null(EndpointSelection.ClientNode("127.0.0.1", nodes, [ReadyB]));
    }
}
