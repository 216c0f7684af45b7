namespace Emulator.Domain.Dns;

/// <summary>How a service is published: its cluster IPs, its ready endpoints (clusterIP None), or a CNAME.</summary>
public enum DnsServiceKind
{
    ClusterIp,
    Headless,
    ExternalName,
}
