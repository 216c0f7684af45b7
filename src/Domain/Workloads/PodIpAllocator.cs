using System.Globalization;

namespace Emulator.Domain.Workloads;

/// <summary>
/// host-local IPAM per node, as kind's CNI does: pods get addresses from the node's /24 starting at .2 (.1 is the
/// bridge gateway), the lowest free first. Not thread-safe; the kubelet holds it under its own lock.
/// </summary>
public sealed class PodIpAllocator
{
    private readonly Dictionary<string, SortedSet<int>> _used = new(StringComparer.Ordinal);

    /// <summary>Marks an address as taken (pods found running after a restart keep their IP).</summary>
    public void Reserve(string podCidr, string ip)
    {
        var prefix = Prefix(podCidr);
        if (!ip.StartsWith(prefix, StringComparison.Ordinal)) return;
        if (int.TryParse(ip.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var host)) Used(podCidr).Add(host);
    }

    /// <summary>The lowest free address in .2–.254, or null when the node's range is exhausted.</summary>
    public string? Allocate(string podCidr)
    {
        var used = Used(podCidr);
        for (var host = 2; host < 255; host++)
        {
            if (used.Add(host)) return Prefix(podCidr) + host.ToString(CultureInfo.InvariantCulture);
        }
        return null;
    }

    public void Release(string podCidr, string ip)
    {
        var prefix = Prefix(podCidr);
        if (ip.StartsWith(prefix, StringComparison.Ordinal)
            && int.TryParse(ip.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var host))
            Used(podCidr).Remove(host);
    }

    private SortedSet<int> Used(string podCidr)
    {
        if (!_used.TryGetValue(podCidr, out var set)) _used[podCidr] = set = [];
        return set;
    }

    // "127.244.1.0/24" → "127.244.1."
    private static string Prefix(string podCidr)
    {
        var network = podCidr.Split('/')[0];
        return network[..(network.LastIndexOf('.') + 1)];
    }
}
