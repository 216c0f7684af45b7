namespace Emulator.Domain.Dns;

public sealed record DnsPtrRecord(string Name, int Ttl, string Target) : DnsRecord(Name, Ttl);
