using Emulator.Domain.Dns;

namespace Emulator.Domain.Tests.Dns;

/// <summary>
/// The answers CoreDNS's kubernetes plugin gives (pods insecure, ttl 5), question by question. Expected answers are
/// written as dig prints them; "" means an empty section.
/// </summary>
public sealed class DnsAnswerPlannerTests
{
    private const string Soa = "cluster.local. 5 SOA ns.dns.cluster.local. hostmaster.cluster.local. 42 7200 1800 86400 5";
    private static readonly DnsAnswerPlanner Planner = new(new DnsZoneSettings());

    [Theory]
    // ClusterIP service: its cluster IP; the query's case is echoed; AAAA on an IPv4 service is NODATA.
    [InlineData("web.default.svc.cluster.local", DnsRecordType.A, "web.default.svc.cluster.local. 5 A 127.96.0.20")]
    [InlineData("Web.DEFAULT.svc.Cluster.Local.", DnsRecordType.A, "Web.DEFAULT.svc.Cluster.Local. 5 A 127.96.0.20")]
    // Endpoint records exist under ClusterIP services too (dashed IP when the endpoint has no hostname).
    [InlineData("127-244-1-5.web.default.svc.cluster.local", DnsRecordType.A, "127-244-1-5.web.default.svc.cluster.local. 5 A 127.244.1.5")]
    // Headless: one A per ready endpoint (ready unset counts), not-ready left out.
    [InlineData("db.default.svc.cluster.local", DnsRecordType.A, "db.default.svc.cluster.local. 5 A 127.244.1.7 | db.default.svc.cluster.local. 5 A 127.244.2.8")]
    [InlineData("db-0.db.default.svc.cluster.local", DnsRecordType.A, "db-0.db.default.svc.cluster.local. 5 A 127.244.1.7")]
    [InlineData("127-244-2-8.db.default.svc.cluster.local", DnsRecordType.A, "127-244-2-8.db.default.svc.cluster.local. 5 A 127.244.2.8")]
    [InlineData("portless.default.svc.cluster.local", DnsRecordType.A, "portless.default.svc.cluster.local. 5 A 127.244.1.9")]
    // ExternalName: a CNAME; an in-zone target is chased and its addresses follow.
    [InlineData("ext.default.svc.cluster.local", DnsRecordType.A, "ext.default.svc.cluster.local. 5 CNAME example.com.")]
    [InlineData("ext.default.svc.cluster.local", DnsRecordType.Cname, "ext.default.svc.cluster.local. 5 CNAME example.com.")]
    [InlineData("alias.default.svc.cluster.local", DnsRecordType.A,
        "alias.default.svc.cluster.local. 5 CNAME web.default.svc.cluster.local. | web.default.svc.cluster.local. 5 A 127.96.0.20")]
    // Pod records (pods insecure): any dashed IPv4 in an existing namespace.
    [InlineData("127-244-1-5.default.pod.cluster.local", DnsRecordType.A, "127-244-1-5.default.pod.cluster.local. 5 A 127.244.1.5")]
    [InlineData("10-1-2-3.kube-system.pod.cluster.local", DnsRecordType.A, "10-1-2-3.kube-system.pod.cluster.local. 5 A 10.1.2.3")]
    // The schema version and the zone's own records.
    [InlineData("dns-version.cluster.local", DnsRecordType.Txt, "dns-version.cluster.local. 28800 TXT \"1.1.0\"")]
    [InlineData("cluster.local", DnsRecordType.Soa, Soa)]
    [InlineData("cluster.local", DnsRecordType.Ns, "cluster.local. 5 NS ns.dns.cluster.local.")]
    [InlineData("ns.dns.cluster.local", DnsRecordType.A, "ns.dns.cluster.local. 5 A 127.96.0.10")]
    // PTR: a cluster IP names its service; an endpoint IP names its endpoint record.
    [InlineData("20.0.96.127.in-addr.arpa", DnsRecordType.Ptr, "20.0.96.127.in-addr.arpa. 5 PTR web.default.svc.cluster.local.")]
    [InlineData("7.1.244.127.in-addr.arpa", DnsRecordType.Ptr, "7.1.244.127.in-addr.arpa. 5 PTR db-0.db.default.svc.cluster.local.")]
    [InlineData("8.2.244.127.in-addr.arpa", DnsRecordType.Ptr, "8.2.244.127.in-addr.arpa. 5 PTR 127-244-2-8.db.default.svc.cluster.local.")]
    public void Answers(string name, DnsRecordType type, string expected)
    {
        var answer = Planner.Plan(name, (ushort)type, FakeZoneData.Cluster());
        Assert.Equal(DnsResponseCode.NoError, answer.Code);
        Assert.True(answer.Authoritative);
        Assert.Equal(expected, DnsRecordText.Format(answer.Answers));
        Assert.Empty(answer.Authority);
    }

    [Theory]
    // A named port: the service port and the service name as target; every port when no _port._proto is given.
    [InlineData("_http._tcp.web.default.svc.cluster.local",
        "_http._tcp.web.default.svc.cluster.local. 5 SRV 0 100 80 web.default.svc.cluster.local.",
        "web.default.svc.cluster.local. 5 A 127.96.0.20")]
    [InlineData("web.default.svc.cluster.local",
        "web.default.svc.cluster.local. 5 SRV 0 50 80 web.default.svc.cluster.local. | web.default.svc.cluster.local. 5 SRV 0 50 9090 web.default.svc.cluster.local.",
        "web.default.svc.cluster.local. 5 A 127.96.0.20")]
    [InlineData("http._TCP.web.default.svc.cluster.local",
        "http._TCP.web.default.svc.cluster.local. 5 SRV 0 100 80 web.default.svc.cluster.local.",
        "web.default.svc.cluster.local. 5 A 127.96.0.20")]
    // Headless: one per ready endpoint, the endpoint (target) port, targets named by hostname or dashed IP.
    [InlineData("_pg._tcp.db.default.svc.cluster.local",
        "_pg._tcp.db.default.svc.cluster.local. 5 SRV 0 50 15432 db-0.db.default.svc.cluster.local. | _pg._tcp.db.default.svc.cluster.local. 5 SRV 0 50 15432 127-244-2-8.db.default.svc.cluster.local.",
        "db-0.db.default.svc.cluster.local. 5 A 127.244.1.7 | 127-244-2-8.db.default.svc.cluster.local. 5 A 127.244.2.8")]
    [InlineData("_dns._udp.kube-dns.kube-system.svc.cluster.local",
        "_dns._udp.kube-dns.kube-system.svc.cluster.local. 5 SRV 0 100 53 kube-dns.kube-system.svc.cluster.local.",
        "kube-dns.kube-system.svc.cluster.local. 5 A 127.96.0.10")]
    public void Srv_records(string name, string expected, string additional)
    {
        var answer = Planner.Plan(name, (ushort)DnsRecordType.Srv, FakeZoneData.Cluster());
        Assert.Equal(DnsResponseCode.NoError, answer.Code);
        Assert.Equal(expected, DnsRecordText.Format(answer.Answers));
        Assert.Equal(additional, DnsRecordText.Format(answer.Additional));
    }

    [Theory]
    // NXDOMAIN: nothing by that name.
    [InlineData("missing.default.svc.cluster.local", DnsRecordType.A, DnsResponseCode.NameError)]
    [InlineData("web.nowhere.svc.cluster.local", DnsRecordType.A, DnsResponseCode.NameError)]
    [InlineData("nowhere.svc.cluster.local", DnsRecordType.A, DnsResponseCode.NameError)]
    [InlineData("lonely.default.svc.cluster.local", DnsRecordType.A, DnsResponseCode.NameError)]
    [InlineData("nobody.db.default.svc.cluster.local", DnsRecordType.A, DnsResponseCode.NameError)]
    [InlineData("a.b.web.default.svc.cluster.local", DnsRecordType.A, DnsResponseCode.NameError)]
    [InlineData("x._http._tcp.web.default.svc.cluster.local", DnsRecordType.Srv, DnsResponseCode.NameError)]
    [InlineData("web.default.nodes.cluster.local", DnsRecordType.A, DnsResponseCode.NameError)]
    [InlineData("dns-version.cluster.local", DnsRecordType.A, DnsResponseCode.NameError)]
    [InlineData("_http._udp.web.default.svc.cluster.local", DnsRecordType.Srv, DnsResponseCode.NameError)]
    [InlineData("_nope._tcp.web.default.svc.cluster.local", DnsRecordType.Srv, DnsResponseCode.NameError)]
    [InlineData("_http._tcp.ext.default.svc.cluster.local", DnsRecordType.Srv, DnsResponseCode.NameError)]
    [InlineData("www.ext.default.svc.cluster.local", DnsRecordType.A, DnsResponseCode.NameError)]
    [InlineData("literal.default.svc.cluster.local", DnsRecordType.A, DnsResponseCode.NameError)]
    [InlineData("1-2-3.default.pod.cluster.local", DnsRecordType.A, DnsResponseCode.NameError)]
    [InlineData("1-2-3-4.nowhere.pod.cluster.local", DnsRecordType.A, DnsResponseCode.NameError)]
    [InlineData("missing.default.svc.cluster.local", DnsRecordType.Txt, DnsResponseCode.NameError)]
    [InlineData("missing.default.svc.cluster.local", (DnsRecordType)65, DnsResponseCode.NameError)]
    [InlineData("9.9.9.9.in-addr.arpa", DnsRecordType.Ptr, DnsResponseCode.NameError)]
    [InlineData("20.0.96.127.in-addr.arpa", DnsRecordType.A, DnsResponseCode.NameError)]
    // NODATA: the name exists, the type does not.
    [InlineData("web.default.svc.cluster.local", DnsRecordType.Aaaa, DnsResponseCode.NoError)]
    [InlineData("db.default.svc.cluster.local", DnsRecordType.Aaaa, DnsResponseCode.NoError)]
    [InlineData("web.default.svc.cluster.local", DnsRecordType.Txt, DnsResponseCode.NoError)]
    [InlineData("web.default.svc.cluster.local", DnsRecordType.Mx, DnsResponseCode.NoError)]
    [InlineData("web.default.svc.cluster.local", DnsRecordType.Cname, DnsResponseCode.NoError)]
    [InlineData("web.default.svc.cluster.local", (DnsRecordType)65, DnsResponseCode.NoError)]
    [InlineData("ext.default.svc.cluster.local", DnsRecordType.Srv, DnsResponseCode.NoError)]
    [InlineData("portless.default.svc.cluster.local", DnsRecordType.Srv, DnsResponseCode.NoError)]
    [InlineData("1-2-3-4.default.pod.cluster.local", DnsRecordType.Aaaa, DnsResponseCode.NoError)]
    [InlineData("default.svc.cluster.local", DnsRecordType.A, DnsResponseCode.NoError)]
    [InlineData("default.pod.cluster.local", DnsRecordType.A, DnsResponseCode.NoError)]
    [InlineData("svc.cluster.local", DnsRecordType.A, DnsResponseCode.NoError)]
    [InlineData("pod.cluster.local", DnsRecordType.A, DnsResponseCode.NoError)]
    [InlineData("cluster.local", DnsRecordType.A, DnsResponseCode.NoError)]
    [InlineData("web.default.svc.cluster.local", DnsRecordType.Soa, DnsResponseCode.NoError)]
    [InlineData("web.default.svc.cluster.local", DnsRecordType.Ptr, DnsResponseCode.NoError)]
    public void Negative_answers_carry_the_zone_soa(string name, DnsRecordType type, DnsResponseCode code)
    {
        var answer = Planner.Plan(name, (ushort)type, FakeZoneData.Cluster());
        Assert.Equal(code, answer.Code);
        Assert.True(answer.Authoritative);
        Assert.Empty(answer.Answers);
        var soa = Assert.IsType<DnsSoaRecord>(Assert.Single(answer.Authority));
        Assert.Equal(name.EndsWith(".arpa", StringComparison.Ordinal) ? "in-addr.arpa." : "cluster.local.", soa.Name);
        if (soa.Name == "cluster.local.") Assert.Equal(Soa, DnsRecordText.Format(soa));
    }

    [Theory]
    [InlineData("example.com", DnsRecordType.A)]
    [InlineData("local", DnsRecordType.A)]
    [InlineData("xcluster.local", DnsRecordType.A)]
    [InlineData("cluster.local", DnsRecordType.Axfr)]
    [InlineData("cluster.local", DnsRecordType.Ixfr)]
    public void Refuses_names_outside_the_zones_and_transfers(string name, DnsRecordType type)
    {
        var answer = Planner.Plan(name, (ushort)type, FakeZoneData.Cluster());
        Assert.Equal(DnsResponseCode.Refused, answer.Code);
        Assert.Empty(answer.Answers);
        Assert.Empty(answer.Authority);
    }

    [Fact]
    public void A_name_error_before_the_first_sync_is_a_server_failure()
    {
        var data = FakeZoneData.Cluster();
        data.Synced = false;
        Assert.Equal(DnsResponseCode.ServerFailure, Planner.Plan("missing.default.svc.cluster.local", 1, data).Code);
        Assert.Equal(DnsResponseCode.NoError, Planner.Plan("web.default.svc.cluster.local", 1, data).Code);
    }

    [Fact]
    public void Ns_answer_carries_the_name_server_address()
    {
        var answer = Planner.Plan("cluster.local", (ushort)DnsRecordType.Ns, FakeZoneData.Cluster());
        Assert.Equal("ns.dns.cluster.local. 5 A 127.96.0.10", DnsRecordText.Format(answer.Additional));
    }

    [Fact]
    public void Serves_the_configured_cluster_domain_and_ttl()
    {
        var planner = new DnsAnswerPlanner(new DnsZoneSettings("Corp.Internal", 30));
        var data = FakeZoneData.Cluster();
        Assert.Equal("web.default.svc.corp.internal. 30 A 127.96.0.20",
            DnsRecordText.Format(planner.Plan("web.default.svc.corp.internal", 1, data).Answers));
        Assert.Equal(DnsResponseCode.Refused, planner.Plan("web.default.svc.cluster.local", 1, data).Code);
        Assert.Equal("20.0.96.127.in-addr.arpa. 30 PTR web.default.svc.corp.internal.",
            DnsRecordText.Format(planner.Plan("20.0.96.127.in-addr.arpa", 12, data).Answers));
    }
}
