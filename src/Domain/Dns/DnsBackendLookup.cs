namespace Emulator.Domain.Dns;

/// <summary>
/// The kubernetes backend: which services, endpoints and pods a name stands for. Mirrors CoreDNS
/// plugin/kubernetes/kubernetes.go (Services, Records, findServices, findPods) and reverse.go (Reverse,
/// serviceRecordForIP), with the "pods insecure" mode kubeadm configures.
/// </summary>
internal sealed class DnsBackendLookup(DnsZoneSettings settings, IDnsZoneData data)
{
    private const string DefaultNsLabel = "ns.dns.";

    public DnsLookup Services(DnsQuestionContext q)
    {
        switch ((DnsRecordType)q.Type)
        {
            case DnsRecordType.Txt:
                var segments = DnsNames.Labels(DnsNames.TrimZone(q.Name, q.ZoneKey));
                if (segments is ["dns-version"])
                    return new DnsLookup([new DnsBackend("", 0, q.QueryName, DnsZoneSettings.VersionTtl, DnsZoneSettings.SchemaVersion)], false);
                // Another type exists at this name: NODATA; otherwise NXDOMAIN.
                return Records(q).Items.Count > 0 ? DnsLookup.Empty : DnsLookup.NoSuchName;
            case DnsRecordType.Ns:
                return new DnsLookup([.. data.NameServerIps.Select(ip => new DnsBackend(ip, 0, DefaultNsLabel + q.Zone, settings.Ttl))], false);
        }
        if (q.Name == DefaultNsLabel + q.ZoneKey)
        {
            var wanted = (DnsRecordType)q.Type;
            return new DnsLookup([.. data.NameServerIps
                .Select(ip => new DnsBackend(ip, 0, q.QueryName, settings.Ttl))
                .Where(b => b.HostType(out _) == wanted)], false);
        }
        var found = Records(q);
        if ((DnsRecordType)q.Type != DnsRecordType.Srv) return found;
        // SRV for ExternalName services is not implemented in CoreDNS: CNAME candidates are dropped (NODATA).
        return found with { Items = [.. found.Items.Where(b => b.HostType(out _) != DnsRecordType.Cname)] };
    }

    public DnsLookup Records(DnsQuestionContext q)
    {
        var r = DnsRequest.Parse(q.Name, q.ZoneKey);
        if (r is null) return DnsLookup.NoSuchName;
        if (r.PodOrSvc.Length == 0) return DnsLookup.Empty;
        if (DnsIp.IsReverse(q.Name)) return DnsLookup.NoSuchName;
        if (!data.NamespaceExists(r.Namespace)) return DnsLookup.NoSuchName;
        return r.PodOrSvc == DnsRequest.Pod ? FindPod(r, q.Zone) : FindServices(r, q.Zone);
    }

    /// <summary>"pods insecure": any well-formed dashed IP in an existing namespace answers, pod or not.</summary>
    private DnsLookup FindPod(DnsRequest r, string zone)
    {
        var podName = r.Service;
        if (podName.Length == 0) return DnsLookup.Empty;
        var ip = podName.Count(c => c == '-') == 3 && !podName.Contains("--", StringComparison.Ordinal)
            ? podName.Replace('-', '.')
            : podName.Replace('-', ':');
        if (DnsIp.Parse(ip) is null) return DnsLookup.NoSuchName;
        return new DnsLookup([new DnsBackend(ip, 0, $"{podName}.{r.Namespace}.{DnsRequest.Pod}.{zone}", settings.Ttl)], false);
    }

    private DnsLookup FindServices(DnsRequest r, string zone)
    {
        if (r.Service.Length == 0) return DnsLookup.Empty;
        var svc = data.Service(r.Namespace, r.Service);
        if (svc is null) return DnsLookup.NoSuchName;
        var serviceName = $"{svc.Name}.{svc.Namespace}.{DnsRequest.Svc}.{zone}";
        List<DnsBackend> items = [];
        var nameError = true;
        if (svc.Kind == DnsServiceKind.ExternalName)
        {
            // No endpoints, and no _port._proto pseudo-labels, under an ExternalName service.
            if (r.Endpoint.Length > 0 || r.Port.Length > 0 || r.Protocol.Length > 0) return DnsLookup.NoSuchName;
            var external = new DnsBackend(svc.ExternalName, 0, serviceName, settings.Ttl);
            return external.HostType(out _) == DnsRecordType.Cname ? new DnsLookup([external], false) : DnsLookup.NoSuchName;
        }
        if (svc.Kind == DnsServiceKind.Headless || r.Endpoint.Length > 0)
        {
            foreach (var slice in svc.Slices)
                foreach (var address in slice.Addresses)
                {
                    if (r.Endpoint.Length > 0 && !Matches(r.Endpoint, address.Label)) continue;
                    foreach (var port in slice.Ports)
                    {
                        if (!MatchesPort(r, port)) continue;
                        nameError = false;
                        items.Add(new DnsBackend(address.Ip, port.Number, $"{address.Label}.{serviceName}", settings.Ttl));
                    }
                }
            return new DnsLookup(items, nameError);
        }
        foreach (var port in svc.Ports)
        {
            if (!MatchesPort(r, port)) continue;
            nameError = false;
            foreach (var ip in svc.ClusterIps) items.Add(new DnsBackend(ip, port.Number, serviceName, settings.Ttl));
        }
        return new DnsLookup(items, nameError);
    }

    /// <summary>PTR: a cluster IP names its service; otherwise each ready endpoint with the IP names its endpoint record.</summary>
    public DnsLookup Reverse(DnsQuestionContext q)
    {
        var ip = DnsIp.FromReverse(q.Name);
        if (ip is null) return Records(q) with { Items = [] };
        var zone = settings.PrimaryZone;
        if (data.ServiceByClusterIp(ip) is { } svc)
            return new DnsLookup([new DnsBackend($"{svc.Name}.{svc.Namespace}.{DnsRequest.Svc}.{zone}", 0, "", settings.Ttl)], false);
        List<DnsBackend> items = [.. data.EndpointsByIp(ip)
            .Select(e => new DnsBackend($"{e.Label}.{e.Service}.{e.Namespace}.{DnsRequest.Svc}.{zone}", 0, "", settings.Ttl))];
        return new DnsLookup(items, items.Count == 0);
    }

    private static bool Matches(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static bool MatchesPort(DnsRequest r, DnsPort p) =>
        (r.Port.Length == 0 || Matches(r.Port, p.Name)) && (r.Protocol.Length == 0 || Matches(r.Protocol, p.Protocol));
}
