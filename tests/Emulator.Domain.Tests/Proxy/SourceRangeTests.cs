using System.Text.Json.Nodes;
using Emulator.Domain.Proxy;

namespace Emulator.Domain.Tests.Proxy;

public sealed class SourceRangeTests
{
    private static ServiceProxyPlan Plan() => ServiceProxyPlanner.Plan(JsonNode.Parse(
        """
        {"apiVersion":"v1","kind":"Service","metadata":{"name":"web","namespace":"ns1"},
         "spec":{"type":"LoadBalancer","clusterIP":"127.96.0.9","externalIPs":["127.50.0.1"],"loadBalancerSourceRanges":["127.0.0.2/32"," 127.1.0.0/16"],
                 "ports":[{"port":80,"nodePort":30080}]},
         "status":{"loadBalancer":{"ingress":[{"ip":"127.18.255.200"}]}}}
        """)!.AsObject(), [JsonNode.Parse(
        """
        {"apiVersion":"discovery.k8s.io/v1","kind":"EndpointSlice","metadata":{"name":"web-x","namespace":"ns1","labels":{"kubernetes.io/service-name":"web"}},
         "addressType":"IPv4","ports":[{"port":8080}],"endpoints":[{"addresses":["127.244.1.5"]}]}
        """)!.AsObject()], []);

    [Theory]
    [InlineData("127.0.0.2", true)]
    [InlineData("127.1.200.3", true)]
    [InlineData("127.0.0.1", false)]
    public void Only_the_load_balancer_ingress_ip_drops_clients_outside_the_source_ranges(string client, bool admitted)
    {
        var plan = Plan();
        var (ingress, route) = plan.Frontends.Single(f => f.Frontend.Address == "127.18.255.200");

        var decision = EndpointSelection.Route(route, ingress, client, null, null, _ => 0);

        Assert.Equal(admitted, decision is RoutingDecision.Forward);
        Assert.Equal(!admitted, decision is RoutingDecision.Drop);
        foreach (var (frontend, r) in plan.Frontends.Where(f => f.Frontend.Address != "127.18.255.200"))
            Assert.IsType<RoutingDecision.Forward>(EndpointSelection.Route(r, frontend, client, null, null, _ => 0));
    }
}
