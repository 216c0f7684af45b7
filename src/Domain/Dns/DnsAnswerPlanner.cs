namespace Emulator.Domain.Dns;

/// <summary>
/// Answers one question about the cluster zone the way CoreDNS's kubernetes plugin does: the dispatch, NXDOMAIN vs
/// NODATA and the SOA on negative answers follow plugin/kubernetes/handler.go (ServeDNS) and plugin/backend_lookup.go
/// (BackendError, SOA); the per-type record building is in <see cref="DnsRecordBuilder"/>.
/// Names outside the served zones are REFUSED: unlike CoreDNS's kubeadm Corefile there is no <c>forward .</c> upstream
/// (traffic stays on loopback), and REFUSED tells a stub resolver at once to try its next nameserver.
/// </summary>
public sealed class DnsAnswerPlanner(DnsZoneSettings settings)
{
    /// <summary>The SOA refresh, retry and expire values CoreDNS synthesizes (plugin/backend_lookup.go SOA).</summary>
    private const int Refresh = 7200, Retry = 1800, Expire = 86400;

    public DnsZoneSettings Settings => settings;

    public DnsAnswer Plan(string queryName, ushort queryType, IDnsZoneData data)
    {
        var original = DnsNames.Absolute(queryName);
        var name = original.ToLowerInvariant();
        var zoneKey = settings.Zones.Where(z => DnsNames.IsInZone(name, z)).MaxBy(z => z.Length);
        if (zoneKey is null) return DnsAnswer.Refused;
        var q = new DnsQuestionContext(original, name, original[^zoneKey.Length..], zoneKey, queryType);
        var lookup = new DnsBackendLookup(settings, data);
        var builder = new DnsRecordBuilder(lookup);
        List<DnsRecord> records = [], extra = [];
        var nameError = false;
        switch ((DnsRecordType)queryType)
        {
            case DnsRecordType.A:
            case DnsRecordType.Aaaa:
                nameError = builder.Address(q, records, []);
                break;
            case DnsRecordType.Txt:
                nameError = builder.Txt(q, records);
                break;
            case DnsRecordType.Cname:
                nameError = builder.Cname(q, records);
                break;
            case DnsRecordType.Ptr:
                nameError = builder.Ptr(q, records);
                break;
            case DnsRecordType.Srv:
                nameError = builder.Srv(q, records, extra);
                break;
            case DnsRecordType.Mx:
                // Services never carry mail exchangers: an existing name is NODATA.
                nameError = lookup.Services(q).NameError;
                break;
            case DnsRecordType.Soa:
                if (name == zoneKey) records.Add(Soa(q.Zone, data));
                break;
            case DnsRecordType.Axfr:
            case DnsRecordType.Ixfr:
                return DnsAnswer.Refused;
            case DnsRecordType.Ns when name == zoneKey:
                builder.Ns(q, records, extra);
                break;
            default:
                // Any other type: an internal A lookup tells NODATA from NXDOMAIN.
                nameError = lookup.Services(q with { Type = (ushort)DnsRecordType.A }).NameError;
                break;
        }
        if (nameError)
            return Negative(data.Synced ? DnsResponseCode.NameError : DnsResponseCode.ServerFailure, q, data);
        if (records.Count == 0) return Negative(DnsResponseCode.NoError, q, data);
        return new DnsAnswer(DnsResponseCode.NoError, records, extra, [], true);
    }

    private DnsAnswer Negative(DnsResponseCode code, DnsQuestionContext q, IDnsZoneData data) =>
        new(code, [], [], [Soa(q.Zone, data)], true);

    /// <summary>The SOA record's own TTL is capped at 300 s; its minimum (the negative-caching TTL) is the zone TTL.</summary>
    private DnsSoaRecord Soa(string zone, IDnsZoneData data) =>
        new(zone, Math.Min(settings.Ttl, 300), "ns.dns." + zone, "hostmaster." + zone, data.Serial, Refresh, Retry, Expire, settings.Ttl);
}
