namespace Emulator.Domain.Dns;

/// <summary>
/// How the zone is served. <see cref="Ttl"/> defaults to 5 s: the CoreDNS kubernetes plugin's default ("The default
/// is 5 seconds", coredns/coredns plugin/kubernetes/README.md, option <c>ttl</c>). kubeadm's Corefile overrides it with
/// <c>ttl 30</c> (kubernetes/kubernetes#76238); we follow the plugin default because a short TTL lets clients see
/// Service changes sooner, and the DNS specification allows any small TTL.
/// </summary>
public sealed record DnsZoneSettings(string ClusterDomain = "cluster.local", int Ttl = 5)
{
    /// <summary>"dns-version" answers with a day-long TTL (28800 s) in CoreDNS's kubernetes.go.</summary>
    public const int VersionTtl = 28800;

    /// <summary>The DNS-based service discovery specification version (kubernetes/dns docs/specification.md).</summary>
    public const string SchemaVersion = "1.1.0";

    /// <summary>The zones CoreDNS is authoritative for in a kubeadm cluster: the cluster domain and both reverse zones.</summary>
    public IReadOnlyList<string> Zones { get; } =
        [DnsNames.Absolute(ClusterDomain.ToLowerInvariant()), "in-addr.arpa.", "ip6.arpa."];

    public string PrimaryZone => Zones[0];
}
