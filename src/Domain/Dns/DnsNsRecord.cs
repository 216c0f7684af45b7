namespace Emulator.Domain.Dns;

public sealed record DnsNsRecord(string Name, int Ttl, string Target) : DnsRecord(Name, Ttl);
