using System.Text.Json.Nodes;
using Emulator.Domain.Proxy;

namespace Emulator.Domain.Tests.Proxy;

public sealed class HealthCheckPlanTests
{
    private static readonly NodeAddress[] Nodes = [new("node-1", "127.18.0.2"), new("node-2", "127.18.0.3")];

    private static JsonObject Service(string type, string policy, int healthCheckNodePort) => JsonNode.Parse(
        $$$"""{"apiVersion":"v1","kind":"Service","metadata":{"name":"web","namespace":"ns1"},"spec":{"type":"{{{type}}}","externalTrafficPolicy":"{{{policy}}}","healthCheckNodePort":{{{healthCheckNodePort}}},"clusterIP":"127.96.0.9","ports":[{"name":"http","port":80,"nodePort":30080},{"name":"alt","port":81,"nodePort":30081}]}}""")!.AsObject();

    private static readonly JsonObject Slice = JsonNode.Parse(
        """
        {"apiVersion":"discovery.k8s.io/v1","kind":"EndpointSlice","metadata":{"name":"web-x","namespace":"ns1","labels":{"kubernetes.io/service-name":"web"}},
         "addressType":"IPv4","ports":[{"name":"http","port":8080},{"name":"alt","port":8080}],
         "endpoints":[{"addresses":["127.244.1.5"],"nodeName":"node-1","conditions":{"ready":true}},
                      {"addresses":["127.244.1.6"],"nodeName":"node-1","conditions":{"ready":true}},
                      {"addresses":["127.244.1.7"],"nodeName":"node-2","conditions":{"ready":false}}]}
        """)!.AsObject();

    [Fact]
    public void A_local_load_balancer_gets_one_health_check_per_node_counting_its_ready_endpoints_once()
    {
        var checks = ServiceProxyPlanner.Plan(Service("LoadBalancer", "Local", 31999), [Slice], Nodes).HealthChecks;

        Assert.Equal(
            [new HealthCheckFrontend("127.18.0.2", 31999, "node-1", "ns1", "web", 2), new HealthCheckFrontend("127.18.0.3", 31999, "node-2", "ns1", "web", 0)],
            checks);
        Assert.Equal([200, 503], checks.Select(c => c.Status));
    }

    [Theory]
    [InlineData("LoadBalancer", "Cluster", 0)]
    [InlineData("NodePort", "Local", 0)]
    [InlineData("LoadBalancer", "Local", 0)]
    public void Other_services_get_no_health_check(string type, string policy, int port)
    {
        Assert.Empty(ServiceProxyPlanner.Plan(Service(type, policy, port), [Slice], Nodes).HealthChecks);
    }

    [Fact]
    public void The_body_is_kube_proxys_dedented_template()
    {
        var body = new HealthCheckFrontend("127.18.0.2", 31999, "node-1", "ns1", "web", 2).Body;

        Assert.Equal("{\n\t\"service\": {\n\t\t\"namespace\": \"ns1\",\n\t\t\"name\": \"web\"\n\t},\n\t\"localEndpoints\": 2,\n\t\"serviceProxyHealthy\": true\n}", body);
        Assert.Equal(2, JsonNode.Parse(body)!["localEndpoints"]!.GetValue<int>());
    }
}
