using Emulator.Domain.Endpoints;
using k8s.Models;
using static Emulator.Domain.Tests.Endpoints.EndpointFixtures;

namespace Emulator.Domain.Tests.Endpoints;

/// <summary>services-spec.md §4: the Endpoints object the controller wants for a Service and its pods.</summary>
public sealed class EndpointsPlannerTests
{
    [Theory]
    [InlineData("ClusterIP", true, true)]
    [InlineData("NodePort", true, true)]
    [InlineData("ExternalName", true, false)]
    [InlineData("ClusterIP", false, false)]
    public void Only_selector_services_that_are_not_ExternalName_are_managed(string type, bool withSelector, bool managed)
    {
        var svc = Service(type: type, selector: withSelector ? null : new Dictionary<string, string>());
        Assert.Equal(managed, ServiceFacts.HasSelector(svc));
    }

    [Theory]
    [InlineData("Running", "10.244.1.5", false, false, true)]
    [InlineData("Pending", "10.244.1.5", false, false, true)]
    [InlineData("Succeeded", "10.244.1.5", false, false, false)]
    [InlineData("Failed", "10.244.1.5", false, false, false)]
    [InlineData("Running", null, false, false, false)]
    [InlineData("Running", "10.244.1.5", true, false, false)]
    [InlineData("Running", "10.244.1.5", true, true, true)]
    public void Pod_filter_drops_terminal_ipless_and_terminating_pods(string phase, string? ip, bool terminating, bool publishNotReady, bool listed)
    {
        var ep = EndpointsPlanner.Desired(Service(publishNotReady: publishNotReady), [Pod("a", ip, phase: phase, terminating: terminating)]);
        Assert.Equal(listed, ep.Subsets is { Count: > 0 });
    }

    [Theory]
    [InlineData(true, false, "addresses")]
    [InlineData(false, false, "notReadyAddresses")]
    [InlineData(false, true, "addresses")]
    public void Readiness_decides_addresses_or_notReadyAddresses(bool ready, bool publishNotReady, string list)
    {
        var subset = Assert.Single(EndpointsPlanner.Desired(Service(publishNotReady: publishNotReady), [Pod("a", ready: ready)]).Subsets);
        var addresses = list == "addresses" ? subset.Addresses : subset.NotReadyAddresses;
        var other = list == "addresses" ? subset.NotReadyAddresses : subset.Addresses;
        Assert.Equal("10.244.1.5", Assert.Single(addresses).Ip);
        Assert.Null(other);
    }

    [Fact]
    public void Address_carries_nodeName_and_a_targetRef_without_resourceVersion()
    {
        var address = Assert.Single(Assert.Single(EndpointsPlanner.Desired(Service(), [Pod("a", node: "node-2")]).Subsets).Addresses);
        Assert.Equal("node-2", address.NodeName);
        Assert.Equal(("Pod", "default", "a", "uid-a"), (address.TargetRef.Kind, address.TargetRef.NamespaceProperty, address.TargetRef.Name, address.TargetRef.Uid));
        Assert.Null(address.TargetRef.ResourceVersion);
        Assert.Null(address.Hostname);
    }

    [Theory]
    [InlineData("web-0", "web", "web-0")]
    [InlineData("web-0", "other", null)]
    [InlineData(null, "web", null)]
    [InlineData("", "web", null)]
    public void Hostname_only_when_the_pod_subdomain_names_the_service(string? hostname, string subdomain, string? expected)
    {
        var ep = EndpointsPlanner.Desired(Service(clusterIp: "None"), [Pod("a", hostname: hostname, subdomain: subdomain)]);
        Assert.Equal(expected, Assert.Single(Assert.Single(ep.Subsets).Addresses).Hostname);
    }

    [Fact]
    public void Pods_not_matching_the_selector_are_ignored()
    {
        var ep = EndpointsPlanner.Desired(Service(), [Pod("a"), Pod("b", "10.244.1.6", labels: new Dictionary<string, string> { ["app"] = "db" })]);
        Assert.Equal(["10.244.1.5"], Assert.Single(ep.Subsets).Addresses.Select(a => a.Ip));
    }

    [Fact]
    public void No_matching_pods_leaves_no_subsets_field()
    {
        var ep = EndpointsPlanner.Desired(Service(), []);
        Assert.Null(ep.Subsets);
        Assert.Equal("web", ep.Metadata.Name);
        Assert.Equal("default", ep.Metadata.NamespaceProperty);
        Assert.DoesNotContain("\"subsets\"", k8s.KubernetesJson.Serialize(ep), StringComparison.Ordinal);
    }

    [Fact]
    public void Numeric_targetPort_is_used_verbatim_with_the_service_port_name_and_protocol()
    {
        var svc = Service(ports: [Port(9376, name: "http", protocol: "TCP")]);
        var port = Assert.Single(Assert.Single(EndpointsPlanner.Desired(svc, [Pod("a")]).Subsets).Ports);
        Assert.Equal(("http", 9376, "TCP"), (port.Name, port.Port, port.Protocol));
    }

    [Fact]
    public void Unnamed_service_port_gives_an_endpoint_port_without_name()
    {
        var port = Assert.Single(Assert.Single(EndpointsPlanner.Desired(Service(), [Pod("a")]).Subsets).Ports);
        Assert.Null(port.Name);
        Assert.DoesNotContain("\"name\"", k8s.KubernetesJson.Serialize(port), StringComparison.Ordinal);
    }

    [Fact]
    public void Named_targetPort_resolving_to_different_numbers_gives_separate_subsets()
    {
        var svc = Service(ports: [NamedPort("web", name: "http")]);
        var ep = EndpointsPlanner.Desired(svc,
        [
            Pod("a", "10.244.1.5", containerPorts: [ContainerPort("web", 3000)]),
            Pod("b", "10.244.1.6", containerPorts: [ContainerPort("web", 3001)]),
            Pod("c", "10.244.1.7", containerPorts: [ContainerPort("other", 3002)]),
        ]);
        Assert.Equal(2, ep.Subsets.Count);
        var byPort = ep.Subsets.ToDictionary(s => Assert.Single(s.Ports).Port, s => Assert.Single(s.Addresses).Ip);
        Assert.Equal("10.244.1.5", byPort[3000]);
        Assert.Equal("10.244.1.6", byPort[3001]);
    }

    [Theory]
    [InlineData("TCP", "TCP", 3000)]
    [InlineData("UDP", "TCP", null)]
    [InlineData("UDP", "UDP", 3000)]
    public void Named_port_must_match_the_service_port_protocol(string containerProtocol, string serviceProtocol, int? expected)
    {
        var pod = Pod("a", containerPorts: [ContainerPort("dns", 3000, containerProtocol)]);
        Assert.Equal(expected, PortResolver.FindPort(pod, NamedPort("dns", protocol: serviceProtocol)));
    }

    [Theory]
    [InlineData("Always", 4000)]
    [InlineData(null, null)]
    public void Named_port_is_found_in_sidecar_init_containers_only(string? restartPolicy, int? expected)
    {
        var pod = Pod("a", containerPorts: []);
        pod.Spec.InitContainers = [new V1Container { Name = "side", RestartPolicy = restartPolicy, Ports = [ContainerPort("metrics", 4000)] }];
        Assert.Equal(expected, PortResolver.FindPort(pod, NamedPort("metrics")));
    }

    [Fact]
    public void Two_ports_share_one_subset()
    {
        var svc = Service(ports: [Port(8080, name: "http"), Port(8443, name: "https", port: 443)]);
        var subset = Assert.Single(EndpointsPlanner.Desired(svc, [Pod("a"), Pod("b", "10.244.1.6")]).Subsets);
        Assert.Equal(["http", "https"], subset.Ports.Select(p => p.Name));
        Assert.Equal(2, subset.Addresses.Count);
    }

    [Fact]
    public void Headless_service_without_ports_gets_a_subset_without_ports()
    {
        var subset = Assert.Single(EndpointsPlanner.Desired(Service(clusterIp: "None", ports: []), [Pod("a")]).Subsets);
        Assert.Null(subset.Ports);
        Assert.Equal("10.244.1.5", Assert.Single(subset.Addresses).Ip);
    }

    [Fact]
    public void Addresses_sort_by_ip_string_byte_order()
    {
        var ep = EndpointsPlanner.Desired(Service(), [Pod("a", "10.0.0.9"), Pod("b", "10.0.0.10"), Pod("c", "10.0.0.100"), Pod("d", "9.0.0.1")]);
        Assert.Equal(["10.0.0.10", "10.0.0.100", "10.0.0.9", "9.0.0.1"], Assert.Single(ep.Subsets).Addresses.Select(a => a.Ip));
    }

    [Fact]
    public void Mixed_readiness_shares_one_subset_with_both_lists()
    {
        var subset = Assert.Single(EndpointsPlanner.Desired(Service(), [Pod("a"), Pod("b", "10.244.1.6", ready: false)]).Subsets);
        Assert.Equal("10.244.1.5", Assert.Single(subset.Addresses).Ip);
        Assert.Equal("10.244.1.6", Assert.Single(subset.NotReadyAddresses).Ip);
    }

    [Theory]
    [InlineData("IPv4", "10.244.1.5")]
    [InlineData("IPv6", "fd00::5")]
    public void The_service_primary_family_picks_the_pod_ip(string family, string expected)
    {
        var ep = EndpointsPlanner.Desired(Service(families: [family]), [Pod("a", "10.244.1.5", ips: ["10.244.1.5", "fd00::5"])]);
        Assert.Equal(expected, Assert.Single(Assert.Single(ep.Subsets).Addresses).Ip);
    }

    [Fact]
    public void Pod_without_an_ip_of_the_service_family_is_skipped()
    {
        Assert.Null(EndpointsPlanner.Desired(Service(families: ["IPv6"]), [Pod("a", "10.244.1.5")]).Subsets);
    }

    [Theory]
    [InlineData("10.96.0.20", false)]
    [InlineData("None", true)]
    public void Labels_are_the_service_labels_plus_the_headless_marker(string clusterIp, bool headless)
    {
        var svc = Service(clusterIp: clusterIp, labels: new Dictionary<string, string> { ["app"] = "web", ["tier"] = "fe", ["service.kubernetes.io/headless"] = "" });
        var labels = EndpointsPlanner.Desired(svc, []).Metadata.Labels;
        Assert.Equal("web", labels["app"]);
        Assert.Equal("fe", labels["tier"]);
        Assert.Equal(headless, labels.ContainsKey("service.kubernetes.io/headless"));
    }

    [Theory]
    [InlineData(1000, 0, 1000, 0, false)]
    [InlineData(1001, 0, 1000, 0, true)]
    [InlineData(900, 200, 900, 100, true)]
    [InlineData(1200, 50, 1000, 0, true)]
    public void More_than_1000_addresses_are_truncated_and_annotated(int ready, int notReady, int keptReady, int keptNotReady, bool annotated)
    {
        var pods = Enumerable.Range(0, ready + notReady)
            .Select(i => Pod($"p{i}", $"10.{i / 65536}.{i / 256 % 256}.{i % 256}", ready: i < ready)).ToList();
        var ep = EndpointsPlanner.Desired(Service(), pods);
        Assert.Equal(keptReady, ep.Subsets.Sum(s => s.Addresses?.Count ?? 0));
        Assert.Equal(keptNotReady, ep.Subsets.Sum(s => s.NotReadyAddresses?.Count ?? 0));
        Assert.Equal(annotated, ep.Metadata.Annotations?.TryGetValue("endpoints.kubernetes.io/over-capacity", out var v) == true && v == "truncated");
    }

    [Fact]
    public void Truncation_shares_capacity_proportionally_between_subsets()
    {
        var subsets = new List<V1EndpointSubset>
        {
            new() { Addresses = [.. Enumerable.Range(0, 1500).Select(i => new V1EndpointAddress { Ip = $"a{i}" })] },
            new() { Addresses = [.. Enumerable.Range(0, 500).Select(i => new V1EndpointAddress { Ip = $"b{i}" })] },
        };
        Assert.True(EndpointsTruncation.Truncate(subsets));
        Assert.Equal([750, 250], subsets.Select(s => s.Addresses.Count));
    }

    [Fact]
    public void Trigger_time_becomes_the_annotation_in_rfc3339()
    {
        var ep = EndpointsPlanner.Desired(Service(), [], new DateTime(2025, 6, 1, 10, 0, 3, DateTimeKind.Utc));
        Assert.Equal("2025-06-01T10:00:03Z", ep.Metadata.Annotations["endpoints.kubernetes.io/last-change-trigger-time"]);
    }

    [Theory]
    [InlineData(0, "2025-06-01T10:00:00Z")]
    [InlineData(1_500_000, "2025-06-01T10:00:00.15Z")]
    [InlineData(1, "2025-06-01T10:00:00.0000001Z")]
    public void Rfc3339Nano_trims_trailing_zeros(long ticks, string expected) =>
        Assert.Equal(expected, EndpointsPlanner.FormatRfc3339Nano(Created.AddTicks(ticks)));

    [Fact]
    public void Identical_subsets_and_labels_need_no_write_even_with_another_trigger_time()
    {
        var current = EndpointsPlanner.Desired(Service(), [Pod("a")], Created);
        current.Subsets[0].Addresses[0].TargetRef.ResourceVersion = "42";
        var desired = EndpointsPlanner.Desired(Service(), [Pod("a")], Created.AddHours(1));
        Assert.False(EndpointsPlanner.NeedsWrite(current, desired));
    }

    [Fact]
    public void Changed_labels_subsets_or_capacity_need_a_write()
    {
        var current = EndpointsPlanner.Desired(Service(), [Pod("a")]);
        Assert.True(EndpointsPlanner.NeedsWrite(current, EndpointsPlanner.Desired(Service(labels: new Dictionary<string, string> { ["x"] = "y" }), [Pod("a")])));
        Assert.True(EndpointsPlanner.NeedsWrite(current, EndpointsPlanner.Desired(Service(), [Pod("a", ready: false)])));
        current.Metadata.Annotations = new Dictionary<string, string> { ["endpoints.kubernetes.io/over-capacity"] = "truncated" };
        Assert.True(EndpointsPlanner.NeedsWrite(current, EndpointsPlanner.Desired(Service(), [Pod("a")])));
    }

    [Fact]
    public void Merge_keeps_user_annotations_and_replaces_controller_ones()
    {
        var current = EndpointsPlanner.Desired(Service(), [], Created);
        current.Metadata.Annotations["note"] = "kept";
        current.Metadata.ResourceVersion = "7";
        var merged = EndpointsPlanner.Merge(current, EndpointsPlanner.Desired(Service(), [Pod("a")]));
        Assert.Equal("kept", merged.Metadata.Annotations["note"]);
        Assert.False(merged.Metadata.Annotations.ContainsKey("endpoints.kubernetes.io/last-change-trigger-time"));
        Assert.Equal("7", merged.Metadata.ResourceVersion);
        Assert.Single(merged.Subsets);
    }
}
