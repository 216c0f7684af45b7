using k8s.Models;

namespace Emulator.Domain.Endpoints;

/// <summary>Building blocks shared by the EndpointSlice and mirroring planners: identities and port-set keys.</summary>
public static class SliceEndpoints
{
    /// <summary>An endpoint's identity across syncs: its address and the pod it stands for.</summary>
    public static string Key(V1Endpoint endpoint) =>
        $"{endpoint.Addresses?.FirstOrDefault()}/{endpoint.TargetRef?.Uid}/{endpoint.TargetRef?.Name}";

    /// <summary>The grouping key of a port set (endpointsliceutil.NewPortMapKey): order-insensitive.</summary>
    public static string PortKey(IEnumerable<Discoveryv1EndpointPort>? ports) =>
        string.Join(";", (ports ?? []).Select(p => $"{p.Name}/{p.Protocol}/{p.Port}/{p.AppProtocol}").Order(StringComparer.Ordinal));

    public static string AddressOrder(V1Endpoint endpoint) => endpoint.Addresses?.FirstOrDefault() ?? "";

    /// <summary>The controller ownerReference a slice carries (to its Service, or to the Endpoints it mirrors).</summary>
    public static V1OwnerReference Owner(string kind, V1ObjectMeta owner) => new()
    {
        ApiVersion = "v1",
        Kind = kind,
        Name = owner.Name,
        Uid = owner.Uid,
        Controller = true,
        BlockOwnerDeletion = true,
    };

    public static bool IsControlledBy(V1EndpointSlice slice, string? uid) =>
        slice.Metadata?.OwnerReferences?.Any(o => o.Controller == true && o.Uid == uid) == true;

    public static string? Label(V1EndpointSlice slice, string key) =>
        slice.Metadata?.Labels is { } labels && labels.TryGetValue(key, out var value) ? value : null;

    /// <summary>Same endpoints, ports, labels, annotations and owners: nothing to write.</summary>
    public static bool SameContent(V1EndpointSlice a, V1EndpointSlice b) =>
        k8s.KubernetesJson.Serialize(Content(a)) == k8s.KubernetesJson.Serialize(Content(b));

    private static object Content(V1EndpointSlice s) => new
    {
        s.AddressType,
        Endpoints = s.Endpoints is { Count: > 0 } e ? e : null,
        Ports = s.Ports is { Count: > 0 } p ? p : null,
        Labels = s.Metadata?.Labels?.OrderBy(l => l.Key, StringComparer.Ordinal).ToList(),
        Annotations = s.Metadata?.Annotations is { Count: > 0 } a ? a.OrderBy(l => l.Key, StringComparer.Ordinal).ToList() : null,
        s.Metadata?.OwnerReferences,
    };
}
