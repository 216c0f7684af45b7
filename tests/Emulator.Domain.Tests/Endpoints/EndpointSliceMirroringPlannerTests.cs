using Emulator.Domain.Endpoints;
using k8s.Models;
using static Emulator.Domain.Tests.Endpoints.EndpointFixtures;

namespace Emulator.Domain.Tests.Endpoints;

/// <summary>services-spec.md §5.6 (EndpointSliceMirroring) and §3.1 (the kubernetes Service's endpoints).</summary>
public sealed class EndpointSliceMirroringPlannerTests
{
    private static V1Endpoints UserEndpoints(IDictionary<string, string>? labels = null) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "ext", NamespaceProperty = "default", Uid = "uid-ep-ext", Labels = labels ?? new Dictionary<string, string> { ["team"] = "a" },
            Annotations = new Dictionary<string, string> { ["kubectl.kubernetes.io/last-applied-configuration"] = "{}", ["note"] = "x" },
        },
        Subsets =
        [
            new V1EndpointSubset
            {
                Addresses = [new V1EndpointAddress { Ip = "192.0.2.10", NodeName = "n1", Hostname = "h1" }],
                NotReadyAddresses = [new V1EndpointAddress { Ip = "192.0.2.11" }],
                Ports = [new Corev1EndpointPort { Port = 9000, Protocol = "TCP" }],
            },
        ],
    };

    [Theory]
    [InlineData(false, null, true, true)]
    [InlineData(true, null, true, false)]
    [InlineData(false, "true", true, false)]
    [InlineData(false, "false", true, true)]
    [InlineData(false, null, false, false)]
    public void Mirrors_only_endpoints_of_existing_selectorless_services_without_skip_mirror(bool selector, string? skip, bool serviceExists, bool mirrored)
    {
        var labels = skip is null ? null : new Dictionary<string, string> { ["endpointslice.kubernetes.io/skip-mirror"] = skip };
        var svc = serviceExists ? Service("ext", selector: selector ? null : new Dictionary<string, string>()) : null;
        Assert.Equal(mirrored, EndpointSliceMirroringPlanner.ShouldMirror(UserEndpoints(labels), svc));
    }

    [Fact]
    public void Mirrored_slice_copies_addresses_readiness_ports_labels_and_annotations()
    {
        var slice = Assert.Single(EndpointSliceMirroringPlanner.Plan(UserEndpoints(), []).Create);
        Assert.Equal("ext-", slice.Metadata.GenerateName);
        Assert.Equal("endpointslicemirroring-controller.k8s.io", slice.Metadata.Labels["endpointslice.kubernetes.io/managed-by"]);
        Assert.Equal("ext", slice.Metadata.Labels["kubernetes.io/service-name"]);
        Assert.Equal("a", slice.Metadata.Labels["team"]);
        Assert.Equal(new Dictionary<string, string> { ["note"] = "x" }, slice.Metadata.Annotations);
        var owner = Assert.Single(slice.Metadata.OwnerReferences);
        Assert.Equal(("Endpoints", "ext", "uid-ep-ext"), (owner.Kind, owner.Name, owner.Uid));
        Assert.Equal([(true, "h1", "n1"), (false, null, null)], slice.Endpoints.Select(e => (e.Conditions.Ready == true, (string?)e.Hostname, (string?)e.NodeName)));
        var port = Assert.Single(slice.Ports);
        Assert.Equal(("", 9000), (port.Name, port.Port));
    }

    [Fact]
    public void Mirroring_is_idempotent_and_follows_changes()
    {
        var stored = Stored(EndpointSliceMirroringPlanner.Plan(UserEndpoints(), []).Create);
        Assert.True(EndpointSliceMirroringPlanner.Plan(UserEndpoints(), stored).IsEmpty);
        var changed = UserEndpoints();
        changed.Subsets[0].NotReadyAddresses = null;
        var updated = Assert.Single(EndpointSliceMirroringPlanner.Plan(changed, stored).Update);
        Assert.Single(updated.Endpoints);
    }

    [Fact]
    public void Without_endpoints_only_mirrored_slices_are_deleted()
    {
        var stored = Stored(EndpointSliceMirroringPlanner.Plan(UserEndpoints(), []).Create);
        var custom = new V1EndpointSlice { Metadata = new V1ObjectMeta { Name = "mine", Labels = new Dictionary<string, string> { ["endpointslice.kubernetes.io/managed-by"] = "me" } } };
        var plan = EndpointSliceMirroringPlanner.Plan(null, [.. stored, custom]);
        Assert.Equal(stored[0].Metadata.Name, Assert.Single(plan.Delete).Metadata.Name);
    }

    [Fact]
    public void Kubernetes_service_endpoints_point_at_the_api_server_and_skip_mirroring()
    {
        var ep = KubernetesServiceEndpoints.Endpoints("127.0.0.1", 6443);
        Assert.Equal("true", ep.Metadata.Labels["endpointslice.kubernetes.io/skip-mirror"]);
        var subset = Assert.Single(ep.Subsets);
        Assert.Equal("127.0.0.1", Assert.Single(subset.Addresses).Ip);
        Assert.Equal(("https", 6443, "TCP"), (subset.Ports[0].Name, subset.Ports[0].Port, subset.Ports[0].Protocol));

        var slice = KubernetesServiceEndpoints.Slice("127.0.0.1", 6443);
        Assert.Equal("kubernetes", slice.Metadata.Name);
        Assert.Equal(new Dictionary<string, string> { ["kubernetes.io/service-name"] = "kubernetes" }, slice.Metadata.Labels);
        Assert.Null(slice.Metadata.OwnerReferences);
        Assert.True(Assert.Single(slice.Endpoints).Conditions.Ready);
    }
}
