using ARSoft.Tools.Net;
using ARSoft.Tools.Net.Dns;
using Emulator.Domain.Dns;

namespace Emulator.Infrastructure.Dns;

/// <summary>Maps the planner's records to ARSoft wire records.</summary>
internal static class DnsWireRecords
{
    /// <summary>
    /// Maps one record. Most names in an answer are the question's own name; <paramref name="query"/> (that name as
    /// written and as parsed) saves parsing it again for each record.
    /// </summary>
    public static DnsRecordBase ToWire(DnsRecord record, (string Text, DomainName Parsed) query)
    {
        DomainName Name(string name) => name == query.Text ? query.Parsed : DomainName.Parse(name);
        return ToWire(record, Name);
    }

    private static DnsRecordBase ToWire(DnsRecord record, Func<string, DomainName> Name) => record switch
    {
        DnsAddressRecord a when a.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork =>
            new ARecord(Name(a.Name), a.Ttl, a.Address),
        DnsAddressRecord a => new AaaaRecord(Name(a.Name), a.Ttl, a.Address),
        DnsSrvRecord s => new SrvRecord(Name(s.Name), s.Ttl, s.Priority, s.Weight, s.Port, Name(s.Target)),
        DnsPtrRecord p => new PtrRecord(Name(p.Name), p.Ttl, Name(p.Target)),
        DnsCnameRecord c => new CNameRecord(Name(c.Name), c.Ttl, Name(c.Target)),
        DnsTxtRecord t => new TxtRecord(Name(t.Name), t.Ttl, t.Text),
        DnsNsRecord n => new NsRecord(Name(n.Name), n.Ttl, Name(n.Target)),
        DnsSoaRecord o => new SoaRecord(Name(o.Name), o.Ttl, Name(o.MasterName), Name(o.ResponsibleName), o.Serial,
            o.Refresh, o.Retry, o.Expire, o.NegativeTtl),
        _ => throw new ArgumentOutOfRangeException(nameof(record), record.GetType().Name, "unknown record type"),
    };

    public static ReturnCode ToWire(DnsResponseCode code) => code switch
    {
        DnsResponseCode.NoError => ReturnCode.NoError,
        DnsResponseCode.FormatError => ReturnCode.FormatError,
        DnsResponseCode.ServerFailure => ReturnCode.ServerFailure,
        DnsResponseCode.NameError => ReturnCode.NxDomain,
        _ => ReturnCode.Refused,
    };
}
