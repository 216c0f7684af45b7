using System.Net;
using k8s.Models;

namespace Emulator.Domain.Endpoints;

/// <summary>
/// The EndpointSliceMirroring controller's pure half (k/k pkg/controller/endpointslicemirroring/reconciler.go,
/// utils.go): user-managed Endpoints of a selector-less Service become EndpointSlices owned by the Endpoints.
/// </summary>
public static class EndpointSliceMirroringPlanner
{
    /// <summary>--mirroring-max-endpoints-per-subset default: addresses mirrored per subset, and per slice.</summary>
    public const int MaxEndpointsPerSubset = 1000;

    /// <summary>
    /// Whether these Endpoints are mirrored: the Service exists without a selector, and the Endpoints carry no
    /// skip-mirror label (shouldMirror / the service filter in endpointslicemirroring_controller.go).
    /// </summary>
    public static bool ShouldMirror(V1Endpoints? endpoints, V1Service? service) =>
        endpoints is not null && service is not null && service.Spec?.Selector is not { Count: > 0 }
        && !(endpoints.Metadata?.Labels?.TryGetValue(EndpointLabels.SkipMirror, out var skip) == true && skip == "true");

    /// <param name="endpoints">The Endpoints to mirror, or null when they are gone or must not be mirrored (every mirrored slice is then deleted).</param>
    /// <param name="existing">Slices labelled with the service's name; only those of the mirroring controller are touched.</param>
    public static SlicePlan Plan(V1Endpoints? endpoints, IEnumerable<V1EndpointSlice> existing)
    {
        var mine = existing.Where(s => SliceEndpoints.Label(s, EndpointLabels.ManagedBy) == EndpointLabels.MirroringControllerName).ToList();
        if (endpoints is null) return new SlicePlan([], [], mine);
        var owned = mine.Where(s => SliceEndpoints.IsControlledBy(s, endpoints.Metadata?.Uid)).ToList();
        var delete = mine.Except(owned).ToList();
        var create = new List<V1EndpointSlice>();
        var update = new List<V1EndpointSlice>();
        foreach (var family in new[] { "IPv4", "IPv6" })
        {
            var packer = new SlicePacker(MaxEndpointsPerSubset,
                (ports, eps) => Slice(endpoints, family, ports, eps, null),
                (slice, eps) => Slice(endpoints, family, slice.Ports ?? [], eps, slice.Metadata));
            var (c, u, d) = packer.Pack(owned.Where(s => s.AddressType == family), Desired(endpoints, family), placeholder: false);
            create.AddRange(c);
            update.AddRange(u);
            delete.AddRange(d);
        }
        delete.AddRange(owned.Where(s => s.AddressType is not ("IPv4" or "IPv6")));
        return new SlicePlan(create, update, delete);
    }

    private static Dictionary<string, SlicePacker.Group> Desired(V1Endpoints endpoints, string family)
    {
        var groups = new Dictionary<string, SlicePacker.Group>(StringComparer.Ordinal);
        foreach (var subset in endpoints.Subsets ?? [])
        {
            var ports = (subset.Ports ?? []).Select(p => new Discoveryv1EndpointPort
            {
                Name = p.Name ?? "", Port = p.Port, Protocol = p.Protocol ?? "TCP", AppProtocol = p.AppProtocol,
            }).ToList();
            var key = SliceEndpoints.PortKey(ports);
            var addresses = (subset.Addresses ?? []).Select(a => (a, true)).Concat((subset.NotReadyAddresses ?? []).Select(a => (a, false)))
                .Take(MaxEndpointsPerSubset);
            foreach (var (address, ready) in addresses)
            {
                if (!IPAddress.TryParse(address.Ip, out var ip) || PodEndpointRules.FamilyOf(ip) != family) continue;
                if (!groups.TryGetValue(key, out var group)) groups[key] = group = new SlicePacker.Group(ports, []);
                group.Endpoints.Add(new V1Endpoint
                {
                    Addresses = [address.Ip],
                    Conditions = new V1EndpointConditions { Ready = ready },
                    Hostname = string.IsNullOrEmpty(address.Hostname) ? null : address.Hostname,
                    NodeName = string.IsNullOrEmpty(address.NodeName) ? null : address.NodeName,
                    TargetRef = address.TargetRef,
                });
            }
        }
        return groups;
    }

    private static V1EndpointSlice Slice(V1Endpoints endpoints, string family, IList<Discoveryv1EndpointPort> ports, List<V1Endpoint> eps,
        V1ObjectMeta? current)
    {
        var labels = new Dictionary<string, string>(endpoints.Metadata?.Labels ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            [EndpointLabels.ServiceName] = endpoints.Metadata?.Name ?? "",
            [EndpointLabels.ManagedBy] = EndpointLabels.MirroringControllerName,
        };
        var annotations = new Dictionary<string, string>(endpoints.Metadata?.Annotations ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        annotations.Remove(EndpointLabels.LastApplied);
        annotations.Remove(EndpointLabels.TriggerTime);
        return new V1EndpointSlice
        {
            ApiVersion = "discovery.k8s.io/v1",
            Kind = "EndpointSlice",
            Metadata = new V1ObjectMeta
            {
                Name = current?.Name,
                GenerateName = current?.GenerateName ?? $"{endpoints.Metadata?.Name}-",
                NamespaceProperty = endpoints.Metadata?.NamespaceProperty,
                Uid = current?.Uid,
                ResourceVersion = current?.ResourceVersion,
                CreationTimestamp = current?.CreationTimestamp,
                Labels = labels,
                Annotations = annotations.Count > 0 ? annotations : null,
                OwnerReferences = [SliceEndpoints.Owner("Endpoints", endpoints.Metadata!)],
            },
            AddressType = family,
            Endpoints = eps.Count > 0 ? eps : null,
            Ports = ports.Count > 0 ? [.. ports] : null,
        };
    }
}
