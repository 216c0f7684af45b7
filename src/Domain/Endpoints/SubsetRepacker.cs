using k8s.Models;

namespace Emulator.Domain.Endpoints;

/// <summary>
/// The canonical Endpoints layout (k/k pkg/api/v1/endpoints/util.go RepackSubsets and SortSubsets): addresses are
/// de-duplicated by (IP, targetRef UID), each port maps to the set of addresses offering it, and ports offered by the
/// same address set share one subset. An address not ready for a port is not ready for it, whatever else says.
/// </summary>
public static class SubsetRepacker
{
    private const int NoPort = -1;

    public static List<V1EndpointSubset> Repack(IEnumerable<V1EndpointSubset> subsets)
    {
        var addresses = new Dictionary<(string Ip, string Uid), V1EndpointAddress>();
        var byPort = new Dictionary<PortKey, Dictionary<(string Ip, string Uid), bool>>();
        foreach (var subset in subsets)
        {
            var ports = subset.Ports is { Count: > 0 } p ? p.Select(PortKey.Of).ToList() : [new PortKey("", NoPort, "", null)];
            foreach (var port in ports)
            {
                foreach (var a in subset.Addresses ?? []) Map(a, port, true);
                foreach (var a in subset.NotReadyAddresses ?? []) Map(a, port, false);
            }
        }

        // Ports whose address sets (with readiness) are identical share a subset.
        var groups = new Dictionary<string, (List<PortKey> Ports, Dictionary<(string Ip, string Uid), bool> Set)>(StringComparer.Ordinal);
        foreach (var (port, set) in byPort)
        {
            var signature = string.Join("|", set.OrderBy(e => e.Key.Ip, StringComparer.Ordinal).ThenBy(e => e.Key.Uid, StringComparer.Ordinal)
                .Select(e => $"{e.Key.Ip}/{e.Key.Uid}/{e.Value}"));
            if (!groups.TryGetValue(signature, out var group)) groups[signature] = group = ([], set);
            if (port.Port != NoPort) group.Ports.Add(port);
        }

        var result = new List<V1EndpointSubset>();
        foreach (var (ports, set) in groups.Values)
        {
            var ready = set.Where(e => e.Value).Select(e => addresses[e.Key]).ToList();
            var notReady = set.Where(e => !e.Value).Select(e => addresses[e.Key]).ToList();
            result.Add(new V1EndpointSubset
            {
                Addresses = ready.Count > 0 ? Sorted(ready) : null,
                NotReadyAddresses = notReady.Count > 0 ? Sorted(notReady) : null,
                Ports = ports.Count > 0 ? [.. ports.OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Port).ThenBy(p => p.Protocol, StringComparer.Ordinal).Select(p => p.ToPort())] : null,
            });
        }
        // SortSubsets orders subsets by a hash of their content: arbitrary but stable. Ours is stable too: by the
        // first address, then the first port.
        return [.. result.OrderBy(SubsetSortKey, StringComparer.Ordinal)];

        void Map(V1EndpointAddress address, PortKey port, bool isReady)
        {
            var key = (address.Ip ?? "", address.TargetRef?.Uid ?? "");
            addresses.TryAdd(key, address);
            if (!byPort.TryGetValue(port, out var set)) byPort[port] = set = [];
            // Not ready trumps ready.
            if (!set.TryGetValue(key, out var wasReady) || wasReady) set[key] = isReady;
        }
    }

    /// <summary>LessEndpointAddress: IP in byte order (so 10.0.0.10 sorts before 10.0.0.9), then targetRef UID.</summary>
    public static List<V1EndpointAddress> Sorted(IEnumerable<V1EndpointAddress> addresses) =>
        [.. addresses.OrderBy(a => a.Ip ?? "", StringComparer.Ordinal).ThenBy(a => a.TargetRef?.Uid ?? "", StringComparer.Ordinal)];

    private static string SubsetSortKey(V1EndpointSubset s)
    {
        var first = s.Addresses?.FirstOrDefault() ?? s.NotReadyAddresses?.FirstOrDefault();
        var port = s.Ports?.FirstOrDefault();
        return $"{first?.Ip}\u0000{first?.TargetRef?.Uid}\u0000{port?.Name}\u0000{port?.Port:D5}";
    }

    private sealed record PortKey(string Name, int Port, string Protocol, string? AppProtocol)
    {
        public static PortKey Of(Corev1EndpointPort p) => new(p.Name ?? "", p.Port, p.Protocol ?? "TCP", p.AppProtocol);

        public Corev1EndpointPort ToPort() => new()
        {
            Name = Name.Length > 0 ? Name : null,
            Port = Port,
            Protocol = Protocol,
            AppProtocol = AppProtocol,
        };
    }
}
