using k8s.Models;

namespace Emulator.Domain.Endpoints;

/// <summary>What the endpoint controllers ask of a Service.</summary>
public static class ServiceFacts
{
    /// <summary>clusterIP "None" (or unset, as the real helper treats it) means headless.</summary>
    public static bool IsHeadless(V1Service service) => service.Spec?.ClusterIP is null or "" or "None";

    /// <summary>
    /// Services the Endpoints and EndpointSlice controllers manage: not ExternalName and with a non-empty selector
    /// (an empty selector serializes away and is the same as none; endpoints_controller.go syncService).
    /// </summary>
    public static bool HasSelector(V1Service service) =>
        service.Spec is { Type: not "ExternalName", Selector.Count: > 0 };

    /// <summary>spec.ipFamilies, or the family of the clusterIP, or IPv4 (the single-stack default).</summary>
    public static IReadOnlyList<string> IpFamilies(V1Service service)
    {
        if (service.Spec?.IpFamilies is { Count: > 0 } families) return [.. families];
        if (service.Spec?.ClusterIP is { } ip && System.Net.IPAddress.TryParse(ip, out var parsed))
            return [parsed.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "IPv6" : "IPv4"];
        return ["IPv4"];
    }

    /// <summary>A Service selector is a set of equality requirements; an empty one selects nothing here.</summary>
    public static bool Matches(V1Service service, IDictionary<string, string>? labels) =>
        service.Spec?.Selector is { Count: > 0 } selector && labels is not null && SelectorMatches(selector, labels.TryGetValue);

    public static bool Matches(V1Service service, IReadOnlyDictionary<string, string>? labels) =>
        service.Spec?.Selector is { Count: > 0 } selector && labels is not null && SelectorMatches(selector, labels.TryGetValue);

    private delegate bool Lookup(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out string value);

    private static bool SelectorMatches(IDictionary<string, string> selector, Lookup lookup)
    {
        foreach (var (key, value) in selector)
            if (!lookup(key, out var actual) || actual != value) return false;
        return true;
    }
}
