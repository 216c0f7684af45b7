using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Emulator.Domain.Dns;

namespace Emulator.Infrastructure.Dns;

/// <summary>
/// The in-memory zone (CoreDNS's dnsController indexes: services by name and by cluster IP, endpoints by service and by
/// IP, namespaces by name). Writers are the watch pumps of <see cref="DnsIndexFeeder"/>, serialized by one lock;
/// readers (every query) are lock-free over concurrent dictionaries holding immutable values, so a lookup never
/// scans the store and a change is visible as soon as the watch event is applied.
/// </summary>
public sealed class DnsZoneIndex(TimeProvider time) : IDnsZoneData
{
    private readonly Lock _write = new();
    private readonly Dictionary<(string Ns, string Name), JsonObject> _serviceObjects = [];
    private readonly Dictionary<(string Ns, string Name), (string Service, DnsEndpointSlice Slice)> _slices = [];
    private readonly Dictionary<(string Ns, string Service), ImmutableSortedDictionary<string, DnsEndpointSlice>> _slicesByService = [];
    private readonly ConcurrentDictionary<(string Ns, string Name), DnsService> _services = new();
    private readonly ConcurrentDictionary<string, DnsService> _byClusterIp = new();
    private readonly ConcurrentDictionary<string, ImmutableList<DnsEndpointName>> _byEndpointIp = new();
    private readonly ConcurrentDictionary<string, byte> _namespaces = new();
    private readonly Channel<IReadOnlyList<string>> _nameServerChanges = Channel.CreateUnbounded<IReadOnlyList<string>>();
    private volatile IReadOnlyList<string> _nameServers = [];
    private volatile bool _synced;
    private long _modified;

    /// <summary>The kube-dns Service, whose cluster IP the server also listens on and <c>ns.dns.zone</c> resolves to.</summary>
    public static readonly (string Ns, string Name) KubeDns = ("kube-system", "kube-dns");

    public bool Synced => _synced;

    public uint Serial => (uint)Interlocked.Read(ref _modified);

    public IReadOnlyList<string> NameServerIps => _nameServers;

    /// <summary>Each new set of kube-dns cluster IPs, for the server to (re)bind port 53 on.</summary>
    public ChannelReader<IReadOnlyList<string>> NameServerChanges => _nameServerChanges.Reader;

    public bool NamespaceExists(string name) => _namespaces.ContainsKey(name);

    public DnsService? Service(string ns, string name) => _services.GetValueOrDefault((ns, name));

    public DnsService? ServiceByClusterIp(string ip) => _byClusterIp.GetValueOrDefault(ip);

    public IReadOnlyList<DnsEndpointName> EndpointsByIp(string ip) =>
        _byEndpointIp.TryGetValue(ip, out var names) ? names : [];

    internal void MarkSynced() => _synced = true;

    internal void SetNamespace(string name, bool exists)
    {
        lock (_write)
        {
            if (exists) _namespaces[name] = 0;
            else _namespaces.TryRemove(name, out _);
            Touch();
        }
    }

    internal void SetService(string ns, string name, JsonObject? service)
    {
        lock (_write)
        {
            if (service is null) _serviceObjects.Remove((ns, name));
            else _serviceObjects[(ns, name)] = service;
            Rebuild(ns, name);
        }
    }

    internal void SetSlice(string ns, string name, JsonObject? slice)
    {
        lock (_write)
        {
            if (_slices.Remove((ns, name), out var old))
            {
                ForEachAddress(ns, old.Service, old.Slice, (ip, entry) =>
                {
                    if (!_byEndpointIp.TryGetValue(ip, out var list)) return;
                    list = list.Remove(entry);
                    if (list.IsEmpty) _byEndpointIp.TryRemove(ip, out _);
                    else _byEndpointIp[ip] = list;
                });
                var remaining = _slicesByService[(ns, old.Service)].Remove(name);
                if (remaining.IsEmpty) _slicesByService.Remove((ns, old.Service));
                else _slicesByService[(ns, old.Service)] = remaining;
                Rebuild(ns, old.Service);
            }
            if (slice is not null && DnsObjectReader.ServiceName(slice) is { } service)
            {
                var read = DnsObjectReader.Slice(slice);
                _slices[(ns, name)] = (service, read);
                ForEachAddress(ns, service, read, (ip, entry) =>
                    _byEndpointIp[ip] = _byEndpointIp.TryGetValue(ip, out var list) ? list.Add(entry) : [entry]);
                _slicesByService[(ns, service)] = _slicesByService.GetValueOrDefault((ns, service), ImmutableSortedDictionary<string, DnsEndpointSlice>.Empty)
                    .SetItem(name, read);
                Rebuild(ns, service);
            }
        }
    }

    /// <summary>Keys currently held for a resource, so a re-list can drop what disappeared while a watch was lost.</summary>
    internal IReadOnlyList<(string Ns, string Name)> Keys(string resource)
    {
        lock (_write)
        {
            return resource switch
            {
                "services" => [.. _serviceObjects.Keys],
                "endpointslices" => [.. _slices.Keys],
                _ => [.. _namespaces.Keys.Select(n => ("", n))],
            };
        }
    }

    private static void ForEachAddress(string ns, string service, DnsEndpointSlice slice, Action<string, DnsEndpointName> action)
    {
        foreach (var address in slice.Addresses) action(address.Ip, new DnsEndpointName(ns, service, address.Label));
    }

    /// <summary>Recomputes one service's entry from its object and slices, and its cluster-IP index entries.</summary>
    private void Rebuild(string ns, string name)
    {
        _services.TryGetValue((ns, name), out var old);
        DnsService? current = null;
        if (_serviceObjects.TryGetValue((ns, name), out var obj))
        {
            var slices = _slicesByService.GetValueOrDefault((ns, name), ImmutableSortedDictionary<string, DnsEndpointSlice>.Empty);
            current = DnsObjectReader.Service(obj) with { Slices = [.. slices.Values] };
            _services[(ns, name)] = current;
        }
        else
        {
            _services.TryRemove((ns, name), out _);
        }
        foreach (var ip in old?.ClusterIps ?? [])
            if ((current is null || !current.ClusterIps.Contains(ip))
                && _byClusterIp.TryGetValue(ip, out var held) && held.Namespace == ns && held.Name == name)
                _byClusterIp.TryRemove(ip, out _);
        foreach (var ip in current?.ClusterIps ?? []) _byClusterIp[ip] = current!;
        if ((ns, name) == KubeDns)
        {
            var ips = current?.ClusterIps ?? [];
            if (!ips.SequenceEqual(_nameServers))
            {
                _nameServers = ips;
                _nameServerChanges.Writer.TryWrite(ips);
            }
        }
        Touch();
    }

    private void Touch() => Interlocked.Exchange(ref _modified, time.GetUtcNow().ToUnixTimeSeconds());
}
