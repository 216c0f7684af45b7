namespace Emulator.Domain.Dns;

public sealed record DnsCnameRecord(string Name, int Ttl, string Target) : DnsRecord(Name, Ttl);
