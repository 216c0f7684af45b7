using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Emulator.Domain.Allocation;

namespace Emulator.Api.Tests.Services;

/// <summary>ClusterIP and NodePort allocation through the API (services-spec.md §2, acceptance ideas 1-3, 6-10, 16).</summary>
[Collection(ApiCollection.Name)]
public sealed class ServiceAllocationApiTests(EmulatorFactory factory)
{
    private static readonly IpRange Range = IpRange.Parse("127.96.0.0/12");

    [Fact]
    public async Task Minimal_service_gets_a_cluster_ip_from_the_dynamic_band_and_every_default()
    {
        var client = factory.Json();
        var ns = await Fixtures.NewNamespaceAsync(client);
        var svc = await ServiceApi.CreateOkAsync(client, ns, "web", """ "ports":[{"port":80}],"selector":{"app":"web"} """);
        var spec = svc["spec"]!;
        var ip = ServiceApi.ClusterIp(svc);
        Assert.True(Range.IndexOf(IPAddress.Parse(ip)) >= Range.StaticBand, ip);
        Assert.Equal($"[\"{ip}\"]", spec["clusterIPs"]!.ToJsonString());
        Assert.Equal("""["IPv4"]""", spec["ipFamilies"]!.ToJsonString());
        Assert.Equal("SingleStack", spec["ipFamilyPolicy"]!.GetValue<string>());
        Assert.Equal("None", spec["sessionAffinity"]!.GetValue<string>());
        Assert.Equal("Cluster", spec["internalTrafficPolicy"]!.GetValue<string>());
        Assert.Equal(80, spec["ports"]![0]!["targetPort"]!.GetValue<int>());
        Assert.Equal("""{"loadBalancer":{}}""", svc["status"]!.ToJsonString());
    }

    [Fact]
    public async Task The_kubernetes_and_kube_dns_services_exist_with_their_fixed_addresses()
    {
        var client = factory.Json();
        var kubernetes = await (await client.GetAsync("/api/v1/namespaces/default/services/kubernetes")).ReadObjectAsync();
        Assert.Equal("127.96.0.1", ServiceApi.ClusterIp(kubernetes));
        Assert.Equal("""[{"name":"https","protocol":"TCP","port":443,"targetPort":6443}]""", kubernetes["spec"]!["ports"]!.ToJsonString());
        Assert.Null(kubernetes["spec"]!["selector"]);
        var dns = await (await client.GetAsync("/api/v1/namespaces/kube-system/services/kube-dns")).ReadObjectAsync();
        Assert.Equal("127.96.0.10", ServiceApi.ClusterIp(dns));
        Assert.Equal(["dns:53/UDP", "dns-tcp:53/TCP", "metrics:9153/TCP"],
            dns["spec"]!["ports"]!.AsArray().Select(p => $"{p!["name"]}:{p["port"]}/{p["protocol"]}"));
        Assert.Equal("CoreDNS", dns["metadata"]!["labels"]!["kubernetes.io/name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Requesting_a_taken_cluster_ip_is_422_provided_ip_is_already_allocated()
    {
        var client = factory.Json();
        var ns = await Fixtures.NewNamespaceAsync(client);
        var response = await ServiceApi.CreateAsync(client, ns, ServiceApi.Service("taken", """ "ports":[{"port":80}],"clusterIP":"127.96.0.1" """));
        ServiceApi.AssertInvalid(response.StatusCode, await response.ReadObjectAsync(),
            "Service \"taken\" is invalid: spec.clusterIPs: Invalid value: []string{\"127.96.0.1\"}: failed to allocate IP 127.96.0.1: provided IP is already allocated",
            "spec.clusterIPs");
    }

    [Fact]
    public async Task Out_of_range_cluster_ip_is_refused_and_a_released_ip_can_be_taken_again()
    {
        var client = factory.Json();
        var ns = await Fixtures.NewNamespaceAsync(client);
        var response = await ServiceApi.CreateAsync(client, ns, ServiceApi.Service("far", """ "ports":[{"port":80}],"clusterIP":"1.1.1.1" """));
        ServiceApi.AssertInvalid(response.StatusCode, await response.ReadObjectAsync(),
            "Service \"far\" is invalid: spec.clusterIPs: Invalid value: []string{\"1.1.1.1\"}: failed to allocate IP 1.1.1.1: the provided IP (1.1.1.1) is not in the valid range. The range of valid IPs is 127.96.0.0/12",
            "spec.clusterIPs");

        var first = await ServiceApi.CreateOkAsync(client, ns, "holder", """ "ports":[{"port":80}] """);
        var ip = ServiceApi.ClusterIp(first);
        var again = await ServiceApi.CreateAsync(client, ns, ServiceApi.Service("second", $$""" "ports":[{"port":80}],"clusterIP":"{{ip}}" """));
        Assert.Equal((HttpStatusCode)422, again.StatusCode);
        (await client.DeleteAsync($"/api/v1/namespaces/{ns}/services/holder")).EnsureSuccessStatusCode();
        var reused = await ServiceApi.CreateOkAsync(client, ns, "second", $$""" "ports":[{"port":80}],"clusterIP":"{{ip}}" """);
        Assert.Equal(ip, ServiceApi.ClusterIp(reused));
    }

    [Fact]
    public async Task Two_unnamed_ports_give_both_causes_in_one_message()
    {
        var client = factory.Json();
        var ns = await Fixtures.NewNamespaceAsync(client);
        var response = await ServiceApi.CreateAsync(client, ns, ServiceApi.Service("two", """ "ports":[{"port":80},{"port":81}] """));
        ServiceApi.AssertInvalid(response.StatusCode, await response.ReadObjectAsync(),
            "Service \"two\" is invalid: [spec.ports[0].name: Required value, spec.ports[1].name: Required value]",
            "spec.ports[0].name", "spec.ports[1].name");
    }

    [Fact]
    public async Task A_failed_create_releases_what_it_allocated()
    {
        var client = factory.Json();
        var ns = await Fixtures.NewNamespaceAsync(client);
        // Allocation happens before validation: the bad name fails after a ClusterIP and a nodePort were taken.
        var response = await ServiceApi.CreateAsync(client, ns, ServiceApi.Service("Bad", """ "type":"NodePort","clusterIP":"127.96.3.3","ports":[{"port":80,"nodePort":30333}] """));
        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        var ok = await ServiceApi.CreateOkAsync(client, ns, "good", """ "type":"NodePort","clusterIP":"127.96.3.3","ports":[{"port":80,"nodePort":30333}] """);
        Assert.Equal(30333, ServiceApi.NodePort(ok));
    }

    [Fact]
    public async Task Put_of_the_original_manifest_keeps_cluster_ip_and_node_port()
    {
        var client = factory.Json();
        var ns = await Fixtures.NewNamespaceAsync(client);
        var created = await ServiceApi.CreateOkAsync(client, ns, "keep", """ "type":"NodePort","ports":[{"name":"http","port":80}] """);
        var put = await client.PutAsync($"/api/v1/namespaces/{ns}/services/keep",
            Fixtures.JsonBody(ServiceApi.Service("keep", """ "type":"NodePort","ports":[{"name":"http","port":80}] """)));
        var body = await put.ReadObjectAsync();
        Assert.True(put.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        Assert.Equal(ServiceApi.ClusterIp(created), ServiceApi.ClusterIp(body));
        Assert.Equal(ServiceApi.NodePort(created), ServiceApi.NodePort(body));
    }

    [Fact]
    public async Task Changing_the_cluster_ip_is_422_may_not_change_once_set()
    {
        var client = factory.Json();
        var ns = await Fixtures.NewNamespaceAsync(client);
        await ServiceApi.CreateOkAsync(client, ns, "fixed", """ "ports":[{"port":80}],"clusterIP":"127.96.4.4" """);
        var response = await ServiceApi.MergePatchAsync(client, ns, "fixed", """{"spec":{"clusterIP":"127.96.4.5"}}""");
        ServiceApi.AssertInvalid(response.StatusCode, await response.ReadObjectAsync(),
            "Service \"fixed\" is invalid: spec.clusterIPs[0]: Invalid value: []string{\"127.96.4.5\"}: may not change once set", "spec.clusterIPs[0]");
    }

    [Fact]
    public async Task Node_ports_dynamic_above_the_static_band_static_accepted_taken_and_out_of_range_refused()
    {
        var client = factory.Json();
        var ns = await Fixtures.NewNamespaceAsync(client);
        var dynamic = await ServiceApi.CreateOkAsync(client, ns, "dyn", """ "type":"NodePort","ports":[{"port":80}] """);
        Assert.InRange(ServiceApi.NodePort(dynamic), 30086, 32767);
        Assert.Equal("Cluster", dynamic["spec"]!["externalTrafficPolicy"]!.GetValue<string>());
        var fixedPort = await ServiceApi.CreateOkAsync(client, ns, "static", """ "type":"NodePort","ports":[{"port":80,"nodePort":30010}] """);
        Assert.Equal(30010, ServiceApi.NodePort(fixedPort));

        var taken = await ServiceApi.CreateAsync(client, ns, ServiceApi.Service("dup", """ "type":"NodePort","ports":[{"port":80,"nodePort":30010}] """));
        ServiceApi.AssertInvalid(taken.StatusCode, await taken.ReadObjectAsync(),
            "Service \"dup\" is invalid: spec.ports[0].nodePort: Invalid value: 30010: provided port is already allocated", "spec.ports[0].nodePort");
        var outside = await ServiceApi.CreateAsync(client, ns, ServiceApi.Service("low", """ "type":"NodePort","ports":[{"port":80,"nodePort":80}] """));
        ServiceApi.AssertInvalid(outside.StatusCode, await outside.ReadObjectAsync(),
            "Service \"low\" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767",
            "spec.ports[0].nodePort");
    }

    [Fact]
    public async Task Same_port_number_on_tcp_and_udp_shares_one_node_port()
    {
        var client = factory.Json();
        var ns = await Fixtures.NewNamespaceAsync(client);
        var svc = await ServiceApi.CreateOkAsync(client, ns, "dns",
            """ "type":"NodePort","ports":[{"name":"udp","port":53,"protocol":"UDP"},{"name":"tcp","port":53,"protocol":"TCP"}] """);
        Assert.Equal(ServiceApi.NodePort(svc, 0), ServiceApi.NodePort(svc, 1));
    }

    [Fact]
    public async Task Type_transitions_allocate_and_release_like_the_real_server()
    {
        var client = factory.Json();
        var ns = await Fixtures.NewNamespaceAsync(client);
        var svc = await ServiceApi.CreateOkAsync(client, ns, "moving", """ "ports":[{"port":80}] """);
        var ip = ServiceApi.ClusterIp(svc);

        svc = await ServiceApi.MergePatchOkAsync(client, ns, "moving", """{"spec":{"type":"NodePort"}}""");
        var nodePort = ServiceApi.NodePort(svc);
        Assert.Equal(ip, ServiceApi.ClusterIp(svc));

        svc = await ServiceApi.MergePatchOkAsync(client, ns, "moving", """{"spec":{"type":"LoadBalancer","externalTrafficPolicy":"Local"}}""");
        Assert.Equal(nodePort, ServiceApi.NodePort(svc));
        Assert.True(svc["spec"]!["allocateLoadBalancerNodePorts"]!.GetValue<bool>());
        var healthCheck = svc["spec"]!["healthCheckNodePort"]!.GetValue<int>();
        Assert.NotEqual(nodePort, healthCheck);

        svc = await ServiceApi.MergePatchOkAsync(client, ns, "moving", """{"spec":{"type":"ClusterIP"}}""");
        var spec = svc["spec"]!.AsObject();
        Assert.Null(spec["ports"]![0]!["nodePort"]);
        Assert.False(spec.ContainsKey("healthCheckNodePort"));
        Assert.False(spec.ContainsKey("externalTrafficPolicy"));
        Assert.False(spec.ContainsKey("allocateLoadBalancerNodePorts"));
        // Both node ports are free again.
        await ServiceApi.CreateOkAsync(client, ns, "np-reuse", $$""" "type":"NodePort","ports":[{"name":"a","port":80,"nodePort":{{nodePort}}},{"name":"b","port":81,"nodePort":{{healthCheck}}}] """);

        svc = await ServiceApi.MergePatchOkAsync(client, ns, "moving", """{"spec":{"type":"ExternalName","externalName":"db.example.com"}}""");
        spec = svc["spec"]!.AsObject();
        Assert.False(spec.ContainsKey("clusterIP"));
        Assert.False(spec.ContainsKey("ipFamilies"));
        var reuse = await ServiceApi.CreateOkAsync(client, ns, "ip-reuse", $$""" "ports":[{"port":80}],"clusterIP":"{{ip}}" """);
        Assert.Equal(ip, ServiceApi.ClusterIp(reuse));

        svc = await ServiceApi.MergePatchOkAsync(client, ns, "moving", """{"spec":{"type":"ClusterIP","externalName":null}}""");
        Assert.NotEqual(ip, ServiceApi.ClusterIp(svc));
        Assert.Equal("SingleStack", svc["spec"]!["ipFamilyPolicy"]!.GetValue<string>());
    }

    [Fact]
    public async Task Load_balancer_without_controller_is_pending_with_node_ports()
    {
        var client = factory.Json();
        var ns = await Fixtures.NewNamespaceAsync(client);
        var svc = await ServiceApi.CreateOkAsync(client, ns, "lb", """ "type":"LoadBalancer","ports":[{"port":80}] """);
        Assert.Equal("""{"loadBalancer":{}}""", svc["status"]!.ToJsonString());
        Assert.InRange(ServiceApi.NodePort(svc), 30000, 32767);
        Assert.Equal("Cluster", svc["spec"]!["externalTrafficPolicy"]!.GetValue<string>());
        Assert.False(svc["spec"]!.AsObject().ContainsKey("healthCheckNodePort"));
    }

    [Fact]
    public async Task Dry_run_allocates_nothing()
    {
        var client = factory.Json();
        var ns = await Fixtures.NewNamespaceAsync(client);
        var dry = await client.PostAsync($"/api/v1/namespaces/{ns}/services?dryRun=All",
            Fixtures.JsonBody(ServiceApi.Service("dry", """ "type":"NodePort","clusterIP":"127.96.5.5","ports":[{"port":80,"nodePort":30555}] """)));
        Assert.Equal(HttpStatusCode.Created, dry.StatusCode);
        var real = await ServiceApi.CreateOkAsync(client, ns, "real", """ "type":"NodePort","clusterIP":"127.96.5.5","ports":[{"port":80,"nodePort":30555}] """);
        Assert.Equal(30555, ServiceApi.NodePort(real));
    }

    [Fact]
    public async Task Parallel_creates_get_distinct_values_and_deletes_free_them_all()
    {
        var client = factory.Json();
        var ns = await Fixtures.NewNamespaceAsync(client);
        var created = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            ServiceApi.CreateOkAsync(client, ns, $"p{i}", """ "type":"NodePort","ports":[{"port":80}] """)));
        Assert.Equal(50, created.Select(ServiceApi.ClusterIp).Distinct().Count());
        Assert.Equal(50, created.Select(s => ServiceApi.NodePort(s)).Distinct().Count());
        await Task.WhenAll(Enumerable.Range(0, 50).Select(async i =>
            (await client.DeleteAsync($"/api/v1/namespaces/{ns}/services/p{i}")).EnsureSuccessStatusCode()));
        // Every value can be requested again explicitly.
        for (var i = 0; i < 50; i++)
        {
            var ip = ServiceApi.ClusterIp(created[i]);
            var port = ServiceApi.NodePort(created[i]);
            await ServiceApi.CreateOkAsync(client, ns, $"again{i}", $$""" "type":"NodePort","clusterIP":"{{ip}}","ports":[{"port":80,"nodePort":{{port}}}] """);
        }
    }

    [Fact]
    public async Task Update_to_a_taken_node_port_is_refused_and_the_old_one_kept()
    {
        var client = factory.Json();
        var ns = await Fixtures.NewNamespaceAsync(client);
        var a = await ServiceApi.CreateOkAsync(client, ns, "a", """ "type":"NodePort","ports":[{"port":80}] """);
        var b = await ServiceApi.CreateOkAsync(client, ns, "b", """ "type":"NodePort","ports":[{"port":80}] """);
        var response = await ServiceApi.MergePatchAsync(client, ns, "b",
            $$$"""{"spec":{"ports":[{"port":80,"nodePort":{{{ServiceApi.NodePort(a)}}}}]}}""");
        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        var current = await client.GetFromJsonAsync<JsonObject>($"/api/v1/namespaces/{ns}/services/b");
        Assert.Equal(ServiceApi.NodePort(b), ServiceApi.NodePort(current!));
    }
}
