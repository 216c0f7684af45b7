using System.Net;

namespace Emulator.Domain.Dns;

/// <summary>A (IPv4) or AAAA (IPv6) record, by the address family.</summary>
public sealed record DnsAddressRecord(string Name, int Ttl, IPAddress Address) : DnsRecord(Name, Ttl);
