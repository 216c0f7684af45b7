using Emulator.Domain.Dns;

namespace Emulator.Infrastructure.Dns;

/// <summary>
/// Fits a UDP answer into the client's buffer (512 bytes, or its EDNS size), as CoreDNS's response scrubbing does:
/// additional records go first, then answers from the end, and the TC bit tells the client to retry over TCP.
/// Sizes are upper bounds (names counted uncompressed except the question's own, which is always a pointer), so an
/// answer may be cut slightly earlier than the last byte allows, never later.
/// </summary>
internal static class DnsUdpTruncation
{
    private const int HeaderSize = 12, FixedRecordSize = 10, OptRecordSize = 11, Pointer = 2;

    public static DnsAnswer Fit(DnsAnswer answer, string queryName, int limit, out bool truncated)
    {
        var size = HeaderSize + NameSize(queryName, "") + 4 + OptRecordSize;
        size += answer.Authority.Sum(r => RecordSize(r, queryName));
        List<DnsRecord> answers = [], additional = [];
        truncated = false;
        foreach (var r in answer.Answers)
        {
            var s = RecordSize(r, queryName);
            if (size + s > limit) { truncated = true; break; }
            size += s;
            answers.Add(r);
        }
        if (!truncated)
            foreach (var r in answer.Additional)
            {
                var s = RecordSize(r, queryName);
                if (size + s > limit) break;
                size += s;
                additional.Add(r);
            }
        return truncated || additional.Count != answer.Additional.Count ? answer with { Answers = answers, Additional = additional } : answer;
    }

    private static int RecordSize(DnsRecord r, string queryName) => NameSize(r.Name, queryName) + FixedRecordSize + r switch
    {
        DnsAddressRecord a => a.Address.GetAddressBytes().Length,
        DnsSrvRecord s => 6 + NameSize(s.Target, queryName),
        DnsPtrRecord p => NameSize(p.Target, queryName),
        DnsCnameRecord c => NameSize(c.Target, queryName),
        DnsNsRecord n => NameSize(n.Target, queryName),
        DnsTxtRecord t => 1 + System.Text.Encoding.UTF8.GetByteCount(t.Text),
        DnsSoaRecord o => NameSize(o.MasterName, queryName) + NameSize(o.ResponsibleName, queryName) + 20,
        _ => 512,
    };

    private static int NameSize(string name, string queryName) =>
        string.Equals(name, queryName, StringComparison.OrdinalIgnoreCase) ? Pointer : name.TrimEnd('.').Length + 2;
}
