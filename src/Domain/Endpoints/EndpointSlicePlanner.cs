using k8s.Models;

namespace Emulator.Domain.Endpoints;

/// <summary>
/// The EndpointSlice controller's pure half (kubernetes/endpointslice reconciler.go, utils.go; k/k
/// pkg/controller/endpointslice/endpointslice_controller.go syncService): desired slices for a selector Service,
/// diffed against the slices that exist.
/// </summary>
public static class EndpointSlicePlanner
{
    /// <summary>--max-endpoints-per-slice default.</summary>
    public const int MaxEndpointsPerSlice = 100;

    /// <param name="existing">Slices labelled with the service's name (any manager; others' slices are left alone).</param>
    /// <param name="nodes">Nodes by name: a pod on a missing node is skipped unless publishNotReadyAddresses; zones come from them.</param>
    public static SlicePlan Plan(V1Service service, IEnumerable<V1Pod> pods, IReadOnlyDictionary<string, V1Node> nodes,
        IEnumerable<V1EndpointSlice> existing, DateTime? triggerTime = null, int maxEndpointsPerSlice = MaxEndpointsPerSlice)
    {
        var families = ServiceFacts.IpFamilies(service);
        var owned = new List<V1EndpointSlice>();
        var delete = new List<V1EndpointSlice>();
        foreach (var slice in existing)
        {
            if (SliceEndpoints.Label(slice, EndpointLabels.ManagedBy) != EndpointLabels.SliceControllerName) continue;
            // Ours but not owned by this incarnation of the service, or of an address type it no longer has.
            if (!SliceEndpoints.IsControlledBy(slice, service.Metadata?.Uid) || !families.Contains(slice.AddressType)) delete.Add(slice);
            else owned.Add(slice);
        }

        var selected = pods.Where(p => ServiceFacts.Matches(service, p.Metadata?.Labels) && PodEndpointRules.ShouldBeInEndpoints(p, true))
            .ToList();
        var create = new List<V1EndpointSlice>();
        var update = new List<V1EndpointSlice>();
        foreach (var family in families)
        {
            var desired = DesiredGroups(service, selected, nodes, family);
            var packer = new SlicePacker(maxEndpointsPerSlice,
                (ports, endpoints) => NewSlice(service, family, ports, endpoints, triggerTime),
                (slice, endpoints) => Refreshed(slice, service, endpoints, triggerTime));
            var (c, u, d) = packer.Pack(owned.Where(s => s.AddressType == family), desired, placeholder: true);
            create.AddRange(c);
            update.AddRange(u);
            delete.AddRange(d);
        }
        return new SlicePlan(create, update, delete);
    }

    private static Dictionary<string, SlicePacker.Group> DesiredGroups(V1Service service, List<V1Pod> pods,
        IReadOnlyDictionary<string, V1Node> nodes, string family)
    {
        var groups = new Dictionary<string, SlicePacker.Group>(StringComparer.Ordinal);
        var publishNotReady = service.Spec?.PublishNotReadyAddresses == true;
        foreach (var pod in pods)
        {
            var ports = EndpointPorts(service, pod);
            var node = nodes.GetValueOrDefault(pod.Spec?.NodeName ?? "");
            // A pod bound to a Node that does not exist is left out (the real controller retries later).
            if (node is null && !publishNotReady) continue;
            if (PodEndpointRules.IpOfFamily(pod, family) is not { } ip) continue;
            var key = SliceEndpoints.PortKey(ports);
            if (!groups.TryGetValue(key, out var group)) groups[key] = group = new SlicePacker.Group(ports, []);
            group.Endpoints.Add(ToEndpoint(pod, node, service, ip));
        }
        return groups;
    }

    /// <summary>getEndpointPorts: each service port resolved for this pod; unresolvable named ports are left out.</summary>
    public static List<Discoveryv1EndpointPort> EndpointPorts(V1Service service, V1Pod pod)
    {
        var result = new List<Discoveryv1EndpointPort>();
        foreach (var servicePort in service.Spec?.Ports ?? [])
        {
            if (PortResolver.FindPort(pod, servicePort) is not { } number) continue;
            // The name is always present, "" included: kubectl describe dereferences it.
            result.Add(new Discoveryv1EndpointPort
            {
                Name = servicePort.Name ?? "",
                Port = number,
                Protocol = servicePort.Protocol ?? "TCP",
                AppProtocol = servicePort.AppProtocol,
            });
        }
        return result;
    }

    /// <summary>podToEndpoint: serving = Ready; terminating = being deleted; ready = publishNotReady || (serving &amp;&amp; !terminating).</summary>
    public static V1Endpoint ToEndpoint(V1Pod pod, V1Node? node, V1Service service, string ip)
    {
        var serving = PodEndpointRules.IsReady(pod);
        var terminating = PodEndpointRules.IsTerminating(pod);
        var zone = node?.Metadata?.Labels is { } labels && labels.TryGetValue(EndpointLabels.Zone, out var z) ? z : null;
        return new V1Endpoint
        {
            Addresses = [ip],
            Conditions = new V1EndpointConditions
            {
                Ready = service.Spec?.PublishNotReadyAddresses == true || (serving && !terminating),
                Serving = serving,
                Terminating = terminating,
            },
            Hostname = PodEndpointRules.Hostname(pod, service),
            TargetRef = PodEndpointRules.TargetRef(pod),
            NodeName = string.IsNullOrEmpty(pod.Spec?.NodeName) ? null : pod.Spec.NodeName,
            Zone = zone,
        };
    }

    /// <summary>setEndpointSliceLabels: the Service's labels (minus reserved keys) plus service-name, managed-by and headless.</summary>
    public static Dictionary<string, string> Labels(V1Service service)
    {
        var labels = EndpointLabels.FromService(service);
        labels.Remove(EndpointLabels.ServiceName);
        labels.Remove(EndpointLabels.ManagedBy);
        labels[EndpointLabels.ServiceName] = service.Metadata?.Name ?? "";
        labels[EndpointLabels.ManagedBy] = EndpointLabels.SliceControllerName;
        return labels;
    }

    private static V1EndpointSlice NewSlice(V1Service service, string family, IList<Discoveryv1EndpointPort> ports, List<V1Endpoint> endpoints,
        DateTime? triggerTime) => new()
    {
        ApiVersion = "discovery.k8s.io/v1",
        Kind = "EndpointSlice",
        Metadata = new V1ObjectMeta
        {
            GenerateName = $"{service.Metadata?.Name}-",
            NamespaceProperty = service.Metadata?.NamespaceProperty,
            Labels = Labels(service),
            Annotations = Trigger(null, triggerTime),
            OwnerReferences = [SliceEndpoints.Owner("Service", service.Metadata!)],
        },
        AddressType = family,
        Endpoints = endpoints.Count > 0 ? endpoints : null,
        Ports = ports.Count > 0 ? [.. ports] : null,
    };

    private static V1EndpointSlice Refreshed(V1EndpointSlice slice, V1Service service, List<V1Endpoint> endpoints, DateTime? triggerTime)
    {
        var meta = slice.Metadata;
        var annotations = Trigger(meta?.Annotations, triggerTime);
        // Only a change of endpoints carries a trigger time; a label-only update keeps what is there.
        var endpointsChanged = k8s.KubernetesJson.Serialize(endpoints) != k8s.KubernetesJson.Serialize(slice.Endpoints ?? []);
        if (!endpointsChanged) annotations = meta?.Annotations is { Count: > 0 } a ? new Dictionary<string, string>(a) : null;
        return new V1EndpointSlice
        {
            ApiVersion = "discovery.k8s.io/v1",
            Kind = "EndpointSlice",
            Metadata = new V1ObjectMeta
            {
                Name = meta?.Name,
                GenerateName = meta?.GenerateName,
                NamespaceProperty = meta?.NamespaceProperty,
                Uid = meta?.Uid,
                ResourceVersion = meta?.ResourceVersion,
                CreationTimestamp = meta?.CreationTimestamp,
                Labels = Labels(service),
                Annotations = annotations,
                OwnerReferences = [SliceEndpoints.Owner("Service", service.Metadata!)],
            },
            AddressType = slice.AddressType,
            Endpoints = endpoints.Count > 0 ? endpoints : null,
            Ports = slice.Ports is { Count: > 0 } p ? p : null,
        };
    }

    private static Dictionary<string, string>? Trigger(IDictionary<string, string>? current, DateTime? triggerTime)
    {
        var annotations = new Dictionary<string, string>(current ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        annotations.Remove(EndpointLabels.TriggerTime);
        if (triggerTime is { } t) annotations[EndpointLabels.TriggerTime] = EndpointsPlanner.FormatRfc3339Nano(t);
        return annotations.Count > 0 ? annotations : null;
    }
}
