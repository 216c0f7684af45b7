namespace Emulator.Domain.Dns;

/// <summary>
/// The indexes the answer planner reads (CoreDNS's dnsController: SvcIndex, SvcIndexReverse, EpIndexReverse,
/// GetNamespaceByName). Implementations answer from memory; a lookup never scans every object.
/// </summary>
public interface IDnsZoneData
{
    /// <summary>False until the initial lists are loaded; name errors then become SERVFAIL, as in CoreDNS.</summary>
    bool Synced { get; }

    /// <summary>Seconds since the Unix epoch of the last change: the SOA serial (CoreDNS Serial = Modified()).</summary>
    uint Serial { get; }

    bool NamespaceExists(string name);

    /// <summary>The service by lower-case namespace and name, with its ready endpoints.</summary>
    DnsService? Service(string ns, string name);

    /// <summary>A service whose cluster IP is <paramref name="ip"/>.</summary>
    DnsService? ServiceByClusterIp(string ip);

    /// <summary>Every ready endpoint with this IP: the service (namespace and name) it belongs to and its label.</summary>
    IReadOnlyList<DnsEndpointName> EndpointsByIp(string ip);

    /// <summary>The kube-dns service's cluster IPs: the A records of <c>ns.dns.zone</c>.</summary>
    IReadOnlyList<string> NameServerIps { get; }
}
