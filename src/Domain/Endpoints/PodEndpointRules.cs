using System.Net;
using System.Net.Sockets;
using k8s.Models;

namespace Emulator.Domain.Endpoints;

/// <summary>
/// Per-pod rules shared by the Endpoints and EndpointSlice controllers (kubernetes/endpointslice
/// util/controller_utils.go ShouldPodBeInEndpoints; k/k pkg/controller/endpoint/endpoints_controller.go
/// podToEndpointAddressForService; kubernetes/endpointslice utils.go podToEndpoint).
/// </summary>
public static class PodEndpointRules
{
    /// <summary>Terminal pods and pods without an IP never appear; terminating pods only when asked to.</summary>
    public static bool ShouldBeInEndpoints(V1Pod pod, bool includeTerminating)
    {
        if (pod.Status?.Phase is "Succeeded" or "Failed") return false;
        if (string.IsNullOrEmpty(pod.Status?.PodIP) && pod.Status?.PodIPs is not { Count: > 0 }) return false;
        if (!includeTerminating && IsTerminating(pod)) return false;
        return true;
    }

    public static bool IsTerminating(V1Pod pod) => pod.Metadata?.DeletionTimestamp is not null;

    /// <summary>podutil.IsPodReady: the Ready condition is True.</summary>
    public static bool IsReady(V1Pod pod) => ReadyCondition(pod)?.Status == "True";

    /// <summary>The Ready condition's lastTransitionTime: the pod's "trigger time" (util/trigger_time_tracker.go).</summary>
    public static DateTime? ReadyTransitionTime(V1Pod pod) => ReadyCondition(pod)?.LastTransitionTime is { } t ? Utc(t) : null;

    private static V1PodCondition? ReadyCondition(V1Pod pod) => pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready");

    /// <summary>The first pod IP of <paramref name="family"/> ("IPv4"/"IPv6"); null when the pod has none.</summary>
    public static string? IpOfFamily(V1Pod pod, string? family)
    {
        IEnumerable<string?> ips = pod.Status?.PodIPs is { Count: > 0 } list ? list.Select(p => (string?)p.Ip) : [pod.Status?.PodIP];
        foreach (var ip in ips)
        {
            if (string.IsNullOrEmpty(ip)) continue;
            if (family is null) return ip;
            if (IPAddress.TryParse(ip, out var parsed) && FamilyOf(parsed) == family) return ip;
        }
        return null;
    }

    public static string FamilyOf(IPAddress ip) => ip.AddressFamily == AddressFamily.InterNetworkV6 ? "IPv6" : "IPv4";

    /// <summary>pod.spec.hostname, only when the pod's subdomain names this service in the same namespace.</summary>
    public static string? Hostname(V1Pod pod, V1Service service) =>
        !string.IsNullOrEmpty(pod.Spec?.Hostname) && pod.Spec.Subdomain == service.Metadata?.Name
            && pod.Metadata?.NamespaceProperty == service.Metadata?.NamespaceProperty
            ? pod.Spec.Hostname
            : null;

    /// <summary>targetRef {kind: Pod, namespace, name, uid}; current controllers leave out resourceVersion.</summary>
    public static V1ObjectReference TargetRef(V1Pod pod) => new()
    {
        Kind = "Pod",
        NamespaceProperty = pod.Metadata?.NamespaceProperty,
        Name = pod.Metadata?.Name,
        Uid = pod.Metadata?.Uid,
    };

    public static DateTime Utc(DateTime t) => t.Kind switch
    {
        DateTimeKind.Utc => t,
        DateTimeKind.Local => t.ToUniversalTime(),
        _ => DateTime.SpecifyKind(t, DateTimeKind.Utc),
    };
}
