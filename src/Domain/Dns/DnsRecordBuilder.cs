namespace Emulator.Domain.Dns;

/// <summary>
/// Builds the records of one answer from backend candidates, per CoreDNS plugin/backend_lookup.go (A, AAAA, TXT,
/// CNAME, PTR, SRV, NS). Each method fills the given lists and returns true on a name error.
/// </summary>
internal sealed class DnsRecordBuilder(DnsBackendLookup lookup)
{
    /// <summary>CNAME chains longer than this are cut (backend_lookup.go: len(previousRecords) > 7).</summary>
    private const int MaxChain = 7;

    public bool Address(DnsQuestionContext q, List<DnsRecord> records, List<DnsRecord> previous)
    {
        var found = lookup.Services(q);
        if (found.NameError) return true;
        var wanted = (DnsRecordType)q.Type;
        HashSet<string> seen = [];
        foreach (var backend in found.Items)
        {
            var type = backend.HostType(out var address);
            if (type == DnsRecordType.Cname)
            {
                var target = DnsNames.Absolute(backend.Host);
                if (string.Equals(target, q.Name, StringComparison.OrdinalIgnoreCase) || previous.Count > MaxChain) continue;
                var cname = new DnsCnameRecord(q.QueryName, backend.Ttl, target);
                if (previous.OfType<DnsCnameRecord>().Any(p => p.Target.Equals(target, StringComparison.OrdinalIgnoreCase))) continue;
                if (DnsNames.IsInZone(target.ToLowerInvariant(), q.ZoneKey))
                {
                    // In-zone target: chase it, and answer the CNAME only if the chase found something.
                    List<DnsRecord> next = [];
                    if (!Address(q.WithName(target, q.Type), next, [.. previous, cname]) && next.Count > 0)
                    {
                        records.Add(cname);
                        records.AddRange(next);
                    }
                    continue;
                }
                // Out-of-zone target: CoreDNS asks its upstream and appends what it gets; we have no upstream, so the
                // answer is the CNAME alone and the client resolves the target itself.
                records.Add(cname);
                continue;
            }
            if (type == wanted && seen.Add(backend.Host))
                records.Add(new DnsAddressRecord(q.QueryName, backend.Ttl, address!));
        }
        return false;
    }

    public bool Txt(DnsQuestionContext q, List<DnsRecord> records)
    {
        var found = lookup.Services(q);
        if (found.NameError) return true;
        HashSet<string> seen = [];
        foreach (var backend in found.Items)
            if (backend.Text is { } text && seen.Add(text))
                records.Add(new DnsTxtRecord(q.QueryName, backend.Ttl, text));
        return false;
    }

    public bool Cname(DnsQuestionContext q, List<DnsRecord> records)
    {
        var found = lookup.Services(q);
        if (found.NameError) return true;
        if (found.Items.Count > 0 && found.Items[0].HostType(out _) == DnsRecordType.Cname)
            records.Add(new DnsCnameRecord(q.QueryName, found.Items[0].Ttl, DnsNames.Absolute(found.Items[0].Host)));
        return false;
    }

    public bool Ptr(DnsQuestionContext q, List<DnsRecord> records)
    {
        var found = lookup.Reverse(q);
        if (found.NameError) return true;
        HashSet<string> seen = [];
        foreach (var backend in found.Items)
            if (DnsIp.Parse(backend.Host) is null && seen.Add(backend.Host))
                records.Add(new DnsPtrRecord(q.QueryName, backend.Ttl, DnsNames.Absolute(backend.Host)));
        return false;
    }

    /// <summary>
    /// SRV: priority 0, weight = floor(100 / candidates) and at least 1 (all candidates count, even portless ones);
    /// the additional section carries the address of each target once.
    /// </summary>
    public bool Srv(DnsQuestionContext q, List<DnsRecord> records, List<DnsRecord> extra)
    {
        var found = lookup.Services(q);
        if (found.NameError) return true;
        var weight = (ushort)Math.Max(1, Math.Floor(100.0 / found.Items.Count));
        HashSet<(string, string, int)> seen = [];
        foreach (var backend in found.Items)
        {
            if (backend.Port == -1) continue;
            var type = backend.HostType(out var address);
            if (type is not (DnsRecordType.A or DnsRecordType.Aaaa)) continue;
            var target = backend.Target;
            if (seen.Add((target, "", backend.Port)))
                records.Add(new DnsSrvRecord(q.QueryName, backend.Ttl, 0, weight, (ushort)backend.Port, target));
            if (seen.Add((target, backend.Host, 0)))
                extra.Add(new DnsAddressRecord(target, backend.Ttl, address!));
        }
        return false;
    }

    public void Ns(DnsQuestionContext q, List<DnsRecord> records, List<DnsRecord> extra)
    {
        HashSet<string> seen = [];
        foreach (var backend in lookup.Services(q).Items)
        {
            if (backend.HostType(out var address) is not (DnsRecordType.A or DnsRecordType.Aaaa)) continue;
            extra.Add(new DnsAddressRecord(backend.Target, backend.Ttl, address!));
            if (seen.Add(backend.Target)) records.Add(new DnsNsRecord(q.QueryName, backend.Ttl, backend.Target));
        }
    }
}
