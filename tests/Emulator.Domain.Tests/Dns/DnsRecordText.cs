using Emulator.Domain.Dns;

namespace Emulator.Domain.Tests.Dns;

/// <summary>Records written as dig prints them (name, TTL, type, data), so the tables read like dig output.</summary>
internal static class DnsRecordText
{
    public static string Format(IEnumerable<DnsRecord> records) => string.Join(" | ", records.Select(Format));

    public static string Format(DnsRecord record) => record switch
    {
        DnsAddressRecord a => $"{a.Name} {a.Ttl} {(a.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? "A" : "AAAA")} {a.Address}",
        DnsSrvRecord s => $"{s.Name} {s.Ttl} SRV {s.Priority} {s.Weight} {s.Port} {s.Target}",
        DnsPtrRecord p => $"{p.Name} {p.Ttl} PTR {p.Target}",
        DnsCnameRecord c => $"{c.Name} {c.Ttl} CNAME {c.Target}",
        DnsTxtRecord t => $"{t.Name} {t.Ttl} TXT \"{t.Text}\"",
        DnsNsRecord n => $"{n.Name} {n.Ttl} NS {n.Target}",
        DnsSoaRecord o => $"{o.Name} {o.Ttl} SOA {o.MasterName} {o.ResponsibleName} {o.Serial} {o.Refresh} {o.Retry} {o.Expire} {o.NegativeTtl}",
        _ => record.ToString(),
    };
}
