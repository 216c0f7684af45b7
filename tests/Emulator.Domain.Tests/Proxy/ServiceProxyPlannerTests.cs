using System.Text.Json.Nodes;
using Emulator.Domain.Proxy;

namespace Emulator.Domain.Tests.Proxy;

public sealed class ServiceProxyPlannerTests
{
    private static readonly NodeAddress[] Nodes = [new("node-1", "127.18.0.2"), new("node-2", "127.18.0.3")];

    private static JsonObject Service(string spec, string? labels = null, string? status = null)
    {
        var meta = "{\"name\":\"web\",\"namespace\":\"ns1\"" + (labels is null ? "" : ",\"labels\":" + labels) + "}";
        var json = "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":" + meta + ",\"spec\":" + spec
            + (status is null ? "" : ",\"status\":" + status) + "}";
        return JsonNode.Parse(json)!.AsObject();
    }

    private static JsonObject Slice(string service, string ports, string endpoints, string addressType = "IPv4") => JsonNode.Parse(
        "{\"apiVersion\":\"discovery.k8s.io/v1\",\"kind\":\"EndpointSlice\",\"metadata\":{\"name\":\"" + service + "-x\",\"namespace\":\"ns1\","
        + "\"labels\":{\"kubernetes.io/service-name\":\"" + service + "\"}},\"addressType\":\"" + addressType + "\",\"ports\":" + ports
        + ",\"endpoints\":" + endpoints + "}")!.AsObject();

    private const string TwoPorts = """{"clusterIP":"127.96.0.9","clusterIPs":["127.96.0.9"],"ports":[{"name":"http","port":80,"protocol":"TCP"},{"name":"dns","port":53,"protocol":"UDP"}]}""";

    [Fact]
    public void Each_service_port_takes_the_slice_port_with_the_same_name_and_protocol()
    {
        var slice = Slice("web", """[{"name":"http","port":8080,"protocol":"TCP"},{"name":"dns","port":5353,"protocol":"UDP"},{"name":"http","port":9999,"protocol":"UDP"}]""",
            """[{"addresses":["127.244.1.5"],"conditions":{"ready":true},"nodeName":"node-1"}]""");
        var plan = ServiceProxyPlanner.Plan(Service(TwoPorts), [slice], Nodes);
        var http = plan.Frontends.Single(f => f.Frontend.Port == 80);
        var dns = plan.Frontends.Single(f => f.Frontend.Port == 53);
        Assert.Equal(("127.96.0.9", "TCP", FrontendScope.ClusterIp), (http.Frontend.Address, http.Frontend.Protocol, http.Frontend.Scope));
        Assert.Equal("127.244.1.5:8080", Assert.Single(http.Route.Endpoints).ToString());
        Assert.Equal("127.244.1.5:5353", Assert.Single(dns.Route.Endpoints).ToString());
        Assert.Equal("node-1", http.Route.Endpoints[0].NodeName);
    }

    [Fact]
    public void A_port_held_as_a_long_as_server_side_apply_writes_it_still_gets_its_frontend()
    {
        // helm 4 applies server-side; the merged object holds its numbers as long values, not ints.
        var service = Service("""{"clusterIP":"127.96.0.9","ports":[{"name":"http","protocol":"TCP"}]}""");
        service["spec"]!["ports"]![0]!["port"] = JsonValue.Create(80L);
        var slice = Slice("web", """[{"name":"http","protocol":"TCP"}]""", """[{"addresses":["127.244.1.5"]}]""");
        slice["ports"]![0]!["port"] = JsonValue.Create(8080L);
        var frontend = Assert.Single(ServiceProxyPlanner.Plan(service, [slice], Nodes).Frontends);
        Assert.Equal(80, frontend.Frontend.Port);
        Assert.Equal("127.244.1.5:8080", Assert.Single(frontend.Route.Endpoints).ToString());
    }

    [Fact]
    public void An_unnamed_service_port_matches_an_unnamed_slice_port()
    {
        var service = Service("""{"clusterIP":"127.96.0.9","ports":[{"port":80}]}""");
        var slice = Slice("web", """[{"port":8080}]""", """[{"addresses":["127.244.1.5"]}]""");
        var route = Assert.Single(ServiceProxyPlanner.Plan(service, [slice], Nodes).Frontends).Route;
        Assert.Equal("127.244.1.5:8080", Assert.Single(route.Endpoints).ToString());
        Assert.True(route.Endpoints[0].Ready);
    }

    [Fact]
    public void Missing_conditions_mean_ready_and_serving()
    {
        var endpoints = ServiceProxyPlanner.Endpoints([Slice("web", """[{"name":"http","port":1}]""",
            """[{"addresses":["127.244.1.5"]},{"addresses":["127.244.1.6"],"conditions":{"ready":false,"terminating":true}}]""")], "http", "TCP");
        Assert.Equal([new ProxyEndpoint("127.244.1.5", 1, null, true, true, false), new ProxyEndpoint("127.244.1.6", 1, null, false, false, true)], endpoints);
    }

    [Fact]
    public void Slices_of_other_services_and_fqdn_slices_are_ignored()
    {
        var other = Slice("other", """[{"name":"http","port":1}]""", """[{"addresses":["127.244.1.5"]}]""");
        var fqdn = Slice("web", """[{"name":"http","port":1}]""", """[{"addresses":["example.com"]}]""", "FQDN");
        var plan = ServiceProxyPlanner.Plan(Service(TwoPorts), [other, fqdn], Nodes);
        Assert.All(plan.Frontends, f => Assert.Empty(f.Route.Endpoints));
        Assert.All(plan.Frontends, f => Assert.False(f.Route.HasEndpoints));
    }

    [Fact]
    public void Node_ports_listen_on_localhost_and_every_node_internal_ip()
    {
        var service = Service("""{"type":"NodePort","clusterIP":"127.96.0.9","ports":[{"port":80,"nodePort":30080}]}""");
        var frontends = ServiceProxyPlanner.Plan(service, [], Nodes).Frontends.Select(f => f.Frontend).ToList();
        Assert.Equal(["127.96.0.9:80/TCP", "127.0.0.1:30080/TCP", "127.18.0.2:30080/TCP", "127.18.0.3:30080/TCP"], frontends.Select(f => f.ToString()));
        Assert.Equal([null, null, "node-1", "node-2"], frontends.Select(f => f.NodeName));
    }

    [Fact]
    public void Load_balancer_ingress_ips_and_external_ips_are_captured_except_ip_mode_proxy()
    {
        var service = Service("""{"type":"LoadBalancer","clusterIP":"127.96.0.9","externalIPs":["127.50.0.1"],"ports":[{"port":80,"nodePort":30080}]}""",
            status: """{"loadBalancer":{"ingress":[{"ip":"127.18.255.200"},{"ip":"127.18.255.201","ipMode":"Proxy"}]}}""");
        var external = ServiceProxyPlanner.Plan(service, [], []).Frontends.Where(f => f.Frontend.Scope == FrontendScope.External).Select(f => f.Frontend.Address);
        Assert.Equal(["127.50.0.1", "127.18.255.200"], external);
    }

    [Theory]
    [InlineData("""{"type":"ExternalName","externalName":"example.com","ports":[{"port":80}]}""", null)]
    [InlineData("""{"clusterIP":"None","ports":[{"port":80}]}""", null)]
    [InlineData("""{"clusterIP":"127.96.0.9","ports":[{"port":80}]}""", """{"service.kubernetes.io/service-proxy-name":"other"}""")]
    [InlineData("""{"clusterIP":"127.96.0.9","ports":[{"port":80}]}""", """{"service.kubernetes.io/headless":""}""")]
    public void Services_kube_proxy_skips_get_no_frontends(string spec, string? labels)
    {
        Assert.Empty(ServiceProxyPlanner.Plan(Service(spec, labels), [], Nodes).Frontends);
    }

    [Fact]
    public void Session_affinity_defaults_to_three_hours_and_policies_are_read()
    {
        var service = Service("""{"clusterIP":"127.96.0.9","sessionAffinity":"ClientIP","internalTrafficPolicy":"Local","externalTrafficPolicy":"Local","ports":[{"port":80}]}""");
        var route = Assert.Single(ServiceProxyPlanner.Plan(service, [], Nodes).Frontends).Route;
        Assert.Equal(TimeSpan.FromSeconds(10800), route.AffinityTimeout);
        Assert.True(route.InternalLocal);
        Assert.True(route.ExternalLocal);
    }

    [Fact]
    public void An_endpoint_listed_in_two_slices_is_used_once()
    {
        var a = Slice("web", """[{"name":"http","port":8080}]""", """[{"addresses":["127.244.1.5"],"conditions":{"ready":false}}]""");
        var b = Slice("web", """[{"name":"http","port":8080}]""", """[{"addresses":["127.244.1.5"],"conditions":{"ready":true}}]""");
        var endpoint = Assert.Single(ServiceProxyPlanner.Endpoints([a, b], "http", "TCP"));
        Assert.True(endpoint.Ready);
    }
}
