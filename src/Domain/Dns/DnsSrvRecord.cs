namespace Emulator.Domain.Dns;

public sealed record DnsSrvRecord(string Name, int Ttl, ushort Priority, ushort Weight, ushort Port, string Target) : DnsRecord(Name, Ttl);
