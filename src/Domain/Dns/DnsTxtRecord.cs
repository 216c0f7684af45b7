namespace Emulator.Domain.Dns;

public sealed record DnsTxtRecord(string Name, int Ttl, string Text) : DnsRecord(Name, Ttl);
