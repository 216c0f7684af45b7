using System.Text.Json.Nodes;

namespace Emulator.Domain.Tests.Services;

/// <summary>SetDefaults_Service plus the registry's family defaults (services-spec.md §1.2).</summary>
public sealed class ServiceDefaultsTests
{
    [Fact]
    public void Minimal_cluster_ip_service_gets_every_default_the_real_server_fills()
    {
        var svc = ServiceSamples.Prepared(""" "ports":[{"port":80}],"selector":{"app":"web"} """);
        Assert.Empty(Emulator.Domain.Resources.Core.Services.ServiceIpFamilies.Initialize(svc, null, "IPv4"));
        var spec = svc["spec"]!;
        Assert.Equal("ClusterIP", spec["type"]!.GetValue<string>());
        Assert.Equal("None", spec["sessionAffinity"]!.GetValue<string>());
        Assert.Equal("Cluster", spec["internalTrafficPolicy"]!.GetValue<string>());
        Assert.Equal("SingleStack", spec["ipFamilyPolicy"]!.GetValue<string>());
        Assert.Equal("""["IPv4"]""", spec["ipFamilies"]!.ToJsonString());
        Assert.Equal("""{"port":80,"protocol":"TCP","targetPort":80}""", spec["ports"]![0]!.ToJsonString());
        Assert.Null(spec["externalTrafficPolicy"]);
        Assert.Equal("""{"loadBalancer":{}}""", svc["status"]!.ToJsonString());
    }

    [Fact]
    public void Load_balancer_gets_external_traffic_policy_and_node_port_allocation_flag()
    {
        var spec = ServiceSamples.Prepared(""" "type":"LoadBalancer","ports":[{"port":80}] """)["spec"]!;
        Assert.Equal("Cluster", spec["externalTrafficPolicy"]!.GetValue<string>());
        Assert.True(spec["allocateLoadBalancerNodePorts"]!.GetValue<bool>());
    }

    [Fact]
    public void Session_affinity_none_drops_config_and_client_ip_gets_three_hours()
    {
        var none = ServiceSamples.Prepared(""" "ports":[{"port":80}],"sessionAffinityConfig":{"clientIP":{"timeoutSeconds":5}} """)["spec"]!.AsObject();
        Assert.False(none.ContainsKey("sessionAffinityConfig"));
        var clientIp = ServiceSamples.Prepared(""" "ports":[{"port":80}],"sessionAffinity":"ClientIP" """)["spec"]!;
        Assert.Equal(10800, clientIp["sessionAffinityConfig"]!["clientIP"]!["timeoutSeconds"]!.GetValue<int>());
    }

    [Fact]
    public void Headless_selectorless_service_requires_dual_stack_and_gets_both_families()
    {
        var svc = ServiceSamples.Prepared(""" "clusterIP":"None" """);
        Assert.Empty(Emulator.Domain.Resources.Core.Services.ServiceIpFamilies.Initialize(svc, null, "IPv4"));
        Assert.Equal("RequireDualStack", svc["spec"]!["ipFamilyPolicy"]!.GetValue<string>());
        Assert.Equal("""["IPv4","IPv6"]""", svc["spec"]!["ipFamilies"]!.ToJsonString());
        Assert.Equal("""["None"]""", svc["spec"]!["clusterIPs"]!.ToJsonString());
    }

    [Fact]
    public void External_name_service_carries_no_cluster_fields()
    {
        var svc = ServiceSamples.Prepared(""" "type":"ExternalName","externalName":"db.example.com" """);
        Assert.Empty(Emulator.Domain.Resources.Core.Services.ServiceIpFamilies.Initialize(svc, null, "IPv4"));
        var spec = (JsonObject)svc["spec"]!;
        Assert.Equal(["externalName", "sessionAffinity", "type"], spec.Select(p => p.Key).Order());
    }
}
