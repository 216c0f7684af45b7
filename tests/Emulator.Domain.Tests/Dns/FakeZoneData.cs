using Emulator.Domain.Dns;

namespace Emulator.Domain.Tests.Dns;

/// <summary>An in-memory zone: the services, namespaces and endpoints the planner tables below ask about.</summary>
internal sealed class FakeZoneData : IDnsZoneData
{
    private readonly Dictionary<(string, string), DnsService> _services = [];

    public HashSet<string> Namespaces { get; } = ["default", "kube-system"];

    public bool Synced { get; set; } = true;

    public uint Serial => 42;

    public IReadOnlyList<string> NameServerIps { get; set; } = ["127.96.0.10"];

    public FakeZoneData Add(DnsService service)
    {
        _services[(service.Namespace, service.Name)] = service;
        return this;
    }

    public bool NamespaceExists(string name) => Namespaces.Contains(name);

    public DnsService? Service(string ns, string name) => _services.GetValueOrDefault((ns, name));

    public DnsService? ServiceByClusterIp(string ip) => _services.Values.FirstOrDefault(s => s.ClusterIps.Contains(ip));

    public IReadOnlyList<DnsEndpointName> EndpointsByIp(string ip) =>
    [
        .. _services.Values.SelectMany(s => s.Slices.SelectMany(sl => sl.Addresses)
            .Where(a => a.Ip == ip).Select(a => new DnsEndpointName(s.Namespace, s.Name, a.Label))),
    ];

    /// <summary>The zone every table runs against.</summary>
    public static FakeZoneData Cluster()
    {
        var tcp = "TCP";
        return new FakeZoneData()
            .Add(new DnsService("default", "web", DnsServiceKind.ClusterIp, ["127.96.0.20"], "",
                [new("http", tcp, 80), new("metrics", tcp, 9090)])
            {
                Slices = [new("web-abc", [new("127.244.1.5", "")], [new("http", tcp, 8080), new("metrics", tcp, 9090)])],
            })
            .Add(new DnsService("default", "db", DnsServiceKind.Headless, [], "", [new("pg", tcp, 5432)])
            {
                // The not-ready 127.244.3.9 was filtered out when the slice was read (DnsObjectReader).
                Slices = [new("db-xyz", [new("127.244.1.7", "db-0"), new("127.244.2.8", "")], [new("pg", tcp, 15432)])],
            })
            .Add(new DnsService("default", "lonely", DnsServiceKind.Headless, [], "", [DnsPort.Sentinel]))
            .Add(new DnsService("default", "portless", DnsServiceKind.Headless, [], "", [DnsPort.Sentinel])
            {
                Slices = [new("portless-1", [new("127.244.1.9", "")], [DnsPort.Sentinel])],
            })
            .Add(new DnsService("default", "ext", DnsServiceKind.ExternalName, [], "example.com", [DnsPort.Sentinel]))
            .Add(new DnsService("default", "alias", DnsServiceKind.ExternalName, [], "web.default.svc.cluster.local", [DnsPort.Sentinel]))
            .Add(new DnsService("default", "literal", DnsServiceKind.ExternalName, [], "1.2.3.4", [DnsPort.Sentinel]))
            .Add(new DnsService("kube-system", "kube-dns", DnsServiceKind.ClusterIp, ["127.96.0.10"], "",
                [new("dns", "UDP", 53), new("dns-tcp", tcp, 53), new("metrics", tcp, 9153)]));
    }
}
