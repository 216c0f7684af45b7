using System.Globalization;
using k8s;
using k8s.Models;

namespace Emulator.Domain.Endpoints;

/// <summary>
/// The Endpoints controller's pure half (k/k pkg/controller/endpoint/endpoints_controller.go syncService): the
/// Endpoints object a selector Service should have, given the pods of its namespace. The reconciler decides whether
/// to write it (<see cref="NeedsWrite"/>).
/// </summary>
public static class EndpointsPlanner
{
    /// <summary>
    /// Desired Endpoints: same name as the Service, labels from the Service (plus the headless marker), subsets
    /// built per pod and port and repacked, truncated at 1000 addresses. <paramref name="triggerTime"/> becomes the
    /// last-change-trigger-time annotation when set. Pods not matching the selector are ignored.
    /// </summary>
    public static V1Endpoints Desired(V1Service service, IEnumerable<V1Pod> pods, DateTime? triggerTime = null)
    {
        var tolerateUnready = service.Spec?.PublishNotReadyAddresses == true;
        var family = ServiceFacts.IpFamilies(service)[0];
        // A legacy headless service without ipFamilies takes each pod's first IP.
        if (service.Spec?.IpFamilies is not { Count: > 0 } && ServiceFacts.IsHeadless(service)) family = null!;
        var raw = new List<V1EndpointSubset>();
        foreach (var pod in pods)
        {
            if (!ServiceFacts.Matches(service, pod.Metadata?.Labels)) continue;
            if (!PodEndpointRules.ShouldBeInEndpoints(pod, tolerateUnready)) continue;
            if (PodEndpointRules.IpOfFamily(pod, family) is not { } ip) continue;
            var address = new V1EndpointAddress
            {
                Ip = ip,
                Hostname = PodEndpointRules.Hostname(pod, service),
                NodeName = string.IsNullOrEmpty(pod.Spec?.NodeName) ? null : pod.Spec.NodeName,
                TargetRef = PodEndpointRules.TargetRef(pod),
            };
            var ready = tolerateUnready || PodEndpointRules.IsReady(pod);
            var servicePorts = service.Spec?.Ports ?? [];
            if (servicePorts.Count == 0 && ServiceFacts.IsHeadless(service))
            {
                raw.Add(Subset(address, null, ready));
                continue;
            }
            foreach (var servicePort in servicePorts)
            {
                if (PortResolver.FindPort(pod, servicePort) is not { } number) continue;
                raw.Add(Subset(address, new Corev1EndpointPort
                {
                    Name = string.IsNullOrEmpty(servicePort.Name) ? null : servicePort.Name,
                    Port = number,
                    Protocol = servicePort.Protocol ?? "TCP",
                    AppProtocol = servicePort.AppProtocol,
                }, ready));
            }
        }

        var subsets = SubsetRepacker.Repack(raw);
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        if (EndpointsTruncation.Truncate(subsets)) annotations[EndpointLabels.OverCapacity] = "truncated";
        if (triggerTime is { } t) annotations[EndpointLabels.TriggerTime] = FormatRfc3339Nano(t);
        return new V1Endpoints
        {
            ApiVersion = "v1",
            Kind = "Endpoints",
            Metadata = new V1ObjectMeta
            {
                Name = service.Metadata?.Name,
                NamespaceProperty = service.Metadata?.NamespaceProperty,
                Labels = EndpointLabels.FromService(service),
                Annotations = annotations.Count > 0 ? annotations : null,
            },
            // No matching pods: the object exists without a subsets field.
            Subsets = subsets.Count > 0 ? subsets : null,
        };
    }

    private static V1EndpointSubset Subset(V1EndpointAddress address, Corev1EndpointPort? port, bool ready) => new()
    {
        Addresses = ready ? [address] : null,
        NotReadyAddresses = ready ? null : [address],
        Ports = port is null ? null : [port],
    };

    /// <summary>
    /// Whether <paramref name="current"/> must be rewritten: subsets differ, labels differ, or the over-capacity
    /// annotation is wrong. The trigger-time annotation alone never causes a write (endpoints_controller.go).
    /// </summary>
    public static bool NeedsWrite(V1Endpoints current, V1Endpoints desired)
    {
        if (KubernetesJson.Serialize(Normalize(current.Subsets)) != KubernetesJson.Serialize(Normalize(desired.Subsets))) return true;
        if (!SameMap(current.Metadata?.Labels, desired.Metadata?.Labels)) return true;
        var currentCapacity = current.Metadata?.Annotations?.TryGetValue(EndpointLabels.OverCapacity, out var c) == true ? c : null;
        var desiredCapacity = desired.Metadata?.Annotations?.TryGetValue(EndpointLabels.OverCapacity, out var d) == true ? d : null;
        return currentCapacity != desiredCapacity;
    }

    /// <summary>
    /// The Endpoints to store: the current object's metadata and annotations (minus the ones this controller owns)
    /// with the desired labels, controller annotations and subsets.
    /// </summary>
    public static V1Endpoints Merge(V1Endpoints current, V1Endpoints desired)
    {
        var annotations = new Dictionary<string, string>(current.Metadata?.Annotations ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        annotations.Remove(EndpointLabels.TriggerTime);
        annotations.Remove(EndpointLabels.OverCapacity);
        foreach (var (k, v) in desired.Metadata?.Annotations ?? new Dictionary<string, string>()) annotations[k] = v;
        current.Metadata ??= new V1ObjectMeta();
        current.Metadata.Labels = desired.Metadata?.Labels;
        current.Metadata.Annotations = annotations.Count > 0 ? annotations : null;
        current.Subsets = desired.Subsets;
        return current;
    }

    // Empty and missing lists mean the same thing; targetRef resourceVersion is ignored (EndpointSubsetsEqualIgnoreResourceVersion).
    private static List<V1EndpointSubset> Normalize(IList<V1EndpointSubset>? subsets) =>
        [.. (subsets ?? []).Select(s => new V1EndpointSubset
        {
            Addresses = Addresses(s.Addresses),
            NotReadyAddresses = Addresses(s.NotReadyAddresses),
            Ports = s.Ports is { Count: > 0 } ? s.Ports : null,
        })];

    private static List<V1EndpointAddress>? Addresses(IList<V1EndpointAddress>? list) =>
        list is { Count: > 0 }
            ? [.. list.Select(a => new V1EndpointAddress
            {
                Ip = a.Ip, Hostname = a.Hostname, NodeName = a.NodeName,
                TargetRef = a.TargetRef is null ? null : new V1ObjectReference
                {
                    Kind = a.TargetRef.Kind, NamespaceProperty = a.TargetRef.NamespaceProperty, Name = a.TargetRef.Name, Uid = a.TargetRef.Uid,
                },
            })]
            : null;

    public static bool SameMap(IDictionary<string, string>? a, IDictionary<string, string>? b)
    {
        var left = a ?? new Dictionary<string, string>();
        var right = b ?? new Dictionary<string, string>();
        return left.Count == right.Count && left.All(p => right.TryGetValue(p.Key, out var v) && v == p.Value);
    }

    /// <summary>Go's time.RFC3339Nano in UTC: fractional seconds with trailing zeros trimmed, none when whole.</summary>
    public static string FormatRfc3339Nano(DateTime t)
    {
        var utc = PodEndpointRules.Utc(t);
        var text = utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture).TrimEnd('0').TrimEnd('.');
        return text + "Z";
    }
}
