namespace Emulator.Domain.Dns;

public sealed record DnsSoaRecord(string Name, int Ttl, string MasterName, string ResponsibleName, uint Serial,
    int Refresh, int Retry, int Expire, int NegativeTtl) : DnsRecord(Name, Ttl);
