using Emulator.Domain.Endpoints;
using k8s.Models;
using static Emulator.Domain.Tests.Endpoints.EndpointFixtures;

namespace Emulator.Domain.Tests.Endpoints;

/// <summary>services-spec.md §5: the EndpointSlices the controller wants, diffed against those that exist.</summary>
public sealed class EndpointSlicePlannerTests
{
    private static readonly Dictionary<string, V1Node> AllNodes = Nodes("node-1", "node-2");

    private static SlicePlan Plan(V1Service svc, IEnumerable<V1Pod> pods, IEnumerable<V1EndpointSlice>? existing = null, Dictionary<string, V1Node>? nodes = null) =>
        EndpointSlicePlanner.Plan(svc, pods, nodes ?? AllNodes, existing ?? []);

    [Fact]
    public void No_matching_pods_gives_one_placeholder_slice()
    {
        var plan = Plan(Service(), []);
        var slice = Assert.Single(plan.Create);
        Assert.Null(slice.Endpoints);
        Assert.Null(slice.Ports);
        Assert.Equal("web-", slice.Metadata.GenerateName);
        Assert.Equal("IPv4", slice.AddressType);
        Assert.Empty(plan.Update);
        Assert.Empty(plan.Delete);
    }

    [Fact]
    public void An_existing_placeholder_is_kept()
    {
        var stored = Stored(Plan(Service(), []).Create);
        Assert.True(Plan(Service(), [], stored).IsEmpty);
    }

    [Fact]
    public void Slice_is_owned_by_the_service_and_labelled_for_it()
    {
        var svc = Service(clusterIp: "None", labels: new Dictionary<string, string> { ["app"] = "web", ["kubernetes.io/service-name"] = "spoof" });
        var slice = Assert.Single(Plan(svc, [Pod("a")]).Create);
        var owner = Assert.Single(slice.Metadata.OwnerReferences);
        Assert.Equal(("v1", "Service", "web", "uid-svc-web", true, true), (owner.ApiVersion, owner.Kind, owner.Name, owner.Uid, owner.Controller, owner.BlockOwnerDeletion));
        Assert.Equal(new Dictionary<string, string>
        {
            ["app"] = "web",
            ["kubernetes.io/service-name"] = "web",
            ["endpointslice.kubernetes.io/managed-by"] = "endpointslice-controller.k8s.io",
            ["service.kubernetes.io/headless"] = "",
        }, slice.Metadata.Labels);
    }

    [Theory]
    [InlineData(true, false, false, true, true, false)]
    [InlineData(false, false, false, false, false, false)]
    [InlineData(true, true, false, false, true, true)]
    [InlineData(false, true, false, false, false, true)]
    [InlineData(false, false, true, true, false, false)]
    [InlineData(true, true, true, true, true, true)]
    public void Conditions_follow_readiness_termination_and_publishNotReadyAddresses(
        bool podReady, bool terminating, bool publishNotReady, bool ready, bool serving, bool terminatingCondition)
    {
        var slice = Assert.Single(Plan(Service(publishNotReady: publishNotReady), [Pod("a", ready: podReady, terminating: terminating)]).Create);
        var conditions = Assert.Single(slice.Endpoints).Conditions;
        Assert.Equal((ready, serving, terminatingCondition), (conditions.Ready, conditions.Serving, conditions.Terminating));
    }

    [Fact]
    public void Endpoint_carries_address_targetRef_nodeName_zone_and_hostname()
    {
        var endpoint = Assert.Single(Assert.Single(Plan(Service(), [Pod("a", node: "node-9", hostname: "h", subdomain: "web")], nodes: ZonedNode("node-9", "zone-a")).Create).Endpoints);
        Assert.Equal(["10.244.1.5"], endpoint.Addresses);
        Assert.Equal(("Pod", "default", "a", "uid-a"), (endpoint.TargetRef.Kind, endpoint.TargetRef.NamespaceProperty, endpoint.TargetRef.Name, endpoint.TargetRef.Uid));
        Assert.Equal("node-9", endpoint.NodeName);
        Assert.Equal("zone-a", endpoint.Zone);
        Assert.Equal("h", endpoint.Hostname);
    }

    [Fact]
    public void Port_names_are_always_present_even_when_empty()
    {
        var slice = Assert.Single(Plan(Service(), [Pod("a")]).Create);
        var port = Assert.Single(slice.Ports);
        Assert.Equal(("", 8080, "TCP"), (port.Name, port.Port, port.Protocol));
        Assert.Contains("\"name\":\"\"", k8s.KubernetesJson.Serialize(port), StringComparison.Ordinal);
    }

    [Fact]
    public void Pods_resolving_named_ports_differently_land_in_different_slices()
    {
        var svc = Service(ports: [NamedPort("web", name: "http")]);
        var plan = Plan(svc,
        [
            Pod("a", "10.244.1.5", containerPorts: [ContainerPort("web", 3000)]),
            Pod("b", "10.244.1.6", containerPorts: [ContainerPort("web", 3001)]),
            Pod("c", "10.244.1.7", containerPorts: []),
        ]);
        Assert.Equal(3, plan.Create.Count);
        var byPorts = plan.Create.ToDictionary(s => s.Ports is null ? "none" : string.Join(",", s.Ports.Select(p => p.Port)), s => Assert.Single(s.Endpoints).Addresses[0]);
        Assert.Equal("10.244.1.5", byPorts["3000"]);
        Assert.Equal("10.244.1.6", byPorts["3001"]);
        // A pod missing the named port is still listed, in a slice whose port list lacks it.
        Assert.Equal("10.244.1.7", byPorts["none"]);
    }

    [Fact]
    public void At_most_100_endpoints_per_slice()
    {
        var pods = Enumerable.Range(0, 250).Select(i => Pod($"p{i}", $"10.244.{i / 256}.{i % 256}")).ToList();
        var plan = Plan(Service(), pods);
        Assert.Equal([100, 100, 50], plan.Create.Select(s => s.Endpoints.Count).OrderDescending());
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void Pod_on_a_missing_node_is_skipped_unless_publishNotReadyAddresses(bool publishNotReady, bool listed)
    {
        var slice = Assert.Single(Plan(Service(publishNotReady: publishNotReady), [Pod("a", node: "ghost")]).Create);
        Assert.Equal(listed, slice.Endpoints is { Count: 1 });
    }

    [Fact]
    public void New_pods_are_added_to_the_existing_slice_in_place()
    {
        var existing = Stored(Plan(Service(), [Pod("a")]).Create);
        var plan = Plan(Service(), [Pod("a"), Pod("b", "10.244.1.6")], existing);
        Assert.Empty(plan.Create);
        Assert.Empty(plan.Delete);
        var updated = Assert.Single(plan.Update);
        Assert.Equal(existing[0].Metadata.Name, updated.Metadata.Name);
        Assert.Equal("1", updated.Metadata.ResourceVersion);
        Assert.Equal(["10.244.1.5", "10.244.1.6"], updated.Endpoints.Select(e => e.Addresses[0]));
    }

    [Fact]
    public void Unchanged_pods_plan_nothing()
    {
        var existing = Stored(Plan(Service(), [Pod("a"), Pod("b", "10.244.1.6")]).Create);
        Assert.True(Plan(Service(), [Pod("b", "10.244.1.6"), Pod("a")], existing).IsEmpty);
    }

    [Fact]
    public void Readiness_change_updates_the_endpoint_conditions()
    {
        var existing = Stored(Plan(Service(), [Pod("a")]).Create);
        var updated = Assert.Single(Plan(Service(), [Pod("a", ready: false)], existing).Update);
        Assert.False(Assert.Single(updated.Endpoints).Conditions.Ready);
    }

    [Fact]
    public void When_every_pod_is_gone_the_slice_is_replaced_by_a_placeholder()
    {
        var existing = Stored(Plan(Service(), [Pod("a")]).Create);
        var plan = Plan(Service(), [], existing);
        Assert.Equal(existing[0].Metadata.Name, Assert.Single(plan.Delete).Metadata.Name);
        Assert.Null(Assert.Single(plan.Create).Endpoints);
    }

    [Fact]
    public void The_placeholder_goes_once_pods_appear()
    {
        var existing = Stored(Plan(Service(), []).Create);
        var plan = Plan(Service(), [Pod("a")], existing);
        Assert.Single(plan.Delete);
        Assert.Single(Assert.Single(plan.Create).Endpoints);
    }

    [Fact]
    public void Slices_of_a_previous_service_incarnation_are_deleted_and_foreign_slices_left_alone()
    {
        var stale = Stored(Plan(Service(), [Pod("a")]).Create)[0];
        stale.Metadata.OwnerReferences[0].Uid = "uid-old";
        var foreign = new V1EndpointSlice
        {
            Metadata = new V1ObjectMeta { Name = "custom", Labels = new Dictionary<string, string> { ["kubernetes.io/service-name"] = "web", ["endpointslice.kubernetes.io/managed-by"] = "my-controller" } },
            AddressType = "IPv4",
        };
        var plan = Plan(Service(), [Pod("a")], [stale, foreign]);
        Assert.Equal(stale.Metadata.Name, Assert.Single(plan.Delete).Metadata.Name);
        Assert.Single(plan.Create);
    }

    [Fact]
    public void Slices_of_an_address_type_the_service_dropped_are_deleted()
    {
        var v6 = Stored(Plan(Service(families: ["IPv6"]), [Pod("a", ips: ["10.244.1.5", "fd00::5"])]).Create);
        var plan = Plan(Service(families: ["IPv4"]), [Pod("a", ips: ["10.244.1.5", "fd00::5"])], v6);
        Assert.Equal("IPv6", Assert.Single(plan.Delete).AddressType);
        Assert.Equal("IPv4", Assert.Single(plan.Create).AddressType);
    }

    [Fact]
    public void Dual_stack_services_get_one_slice_per_address_type()
    {
        var plan = Plan(Service(families: ["IPv4", "IPv6"]), [Pod("a", ips: ["10.244.1.5", "fd00::5"])]);
        Assert.Equal(["10.244.1.5", "fd00::5"], plan.Create.OrderBy(s => s.AddressType).Select(s => Assert.Single(s.Endpoints).Addresses[0]));
    }

    [Fact]
    public void Service_label_change_updates_slice_labels()
    {
        var existing = Stored(Plan(Service(), [Pod("a")]).Create);
        var updated = Assert.Single(Plan(Service(labels: new Dictionary<string, string> { ["team"] = "x" }), [Pod("a")], existing).Update);
        Assert.Equal("x", updated.Metadata.Labels["team"]);
        Assert.False(updated.Metadata.Labels.ContainsKey("app"));
    }

    [Fact]
    public void Trigger_time_is_stamped_on_created_slices()
    {
        var slice = Assert.Single(EndpointSlicePlanner.Plan(Service(), [Pod("a")], AllNodes, [], Created).Create);
        Assert.Equal("2025-06-01T10:00:00Z", slice.Metadata.Annotations["endpoints.kubernetes.io/last-change-trigger-time"]);
    }
}
