using Emulator.E2E.Tests.Harness;

namespace Emulator.E2E.Tests.Dns;

/// <summary>The real dig against the emulator's DNS port: the answers CoreDNS's kubernetes plugin gives in a cluster.</summary>
[Collection(SharedEmulatorCollection.Name)]
public sealed class DnsQueryTests(EmulatorFixture fixture)
{
    private const string Zone = "cluster.local";

    [Fact]
    public async Task A_cluster_ip_service_resolves_to_its_cluster_ip_over_udp_and_tcp()
    {
        var ns = await fixture.CreateNamespaceAsync("dns-a");
        var ip = DnsManifests.ClusterIp();
        (await fixture.Kubectl.CreateFromManifestAsync(DnsManifests.ClusterIpService(ns, "httpenv", ip))).Succeeds();
        var name = $"httpenv.{ns}.svc.{Zone}";

        var udp = await Dig.UntilAsync(fixture.Emulator, name, "A", r => r.Status == "NOERROR");
        Assert.Equal([$"{name}. 5 IN A {ip}"], udp.Answer);
        Assert.Contains("aa", udp.Flags);

        var tcp = await Dig.QueryAsync(fixture.Emulator, name, "A", "+tcp");
        Assert.Equal("NOERROR", tcp.Status);
        Assert.Equal([$"{name}. 5 IN A {ip}"], tcp.Answer);

        var shortForm = await Dig.QueryAsync(fixture.Emulator, name, "A", "+short");
        Assert.Equal($"{ip}\n", shortForm.Command.Stdout);
    }

    [Fact]
    public async Task Aaaa_on_an_ipv4_service_is_nodata_with_the_zone_soa_and_unknown_names_are_nxdomain()
    {
        var ns = await fixture.CreateNamespaceAsync("dns-neg");
        (await fixture.Kubectl.CreateFromManifestAsync(DnsManifests.ClusterIpService(ns, "web", DnsManifests.ClusterIp()))).Succeeds();
        var name = $"web.{ns}.svc.{Zone}";
        await Dig.UntilAsync(fixture.Emulator, name, "A", r => r.Status == "NOERROR");

        foreach (var options in new[] { Array.Empty<string>(), ["+tcp"] })
        {
            var aaaa = await Dig.QueryAsync(fixture.Emulator, name, "AAAA", options);
            Assert.True(aaaa.Status == "NOERROR" && aaaa.Answer.Count == 0, aaaa.Describe());
            var soa = Assert.Single(aaaa.Authority);
            Assert.StartsWith($"{Zone}. 5 IN SOA ns.dns.{Zone}. hostmaster.{Zone}. ", soa);
            Assert.EndsWith(" 7200 1800 86400 5", soa);

            var missing = await Dig.QueryAsync(fixture.Emulator, $"missing.{ns}.svc.{Zone}", "A", options);
            Assert.True(missing.Status == "NXDOMAIN" && missing.Answer.Count == 0, missing.Describe());
            Assert.Single(missing.Authority);
        }

        var noNamespace = await Dig.QueryAsync(fixture.Emulator, $"web.no-such-namespace.svc.{Zone}", "A");
        Assert.Equal("NXDOMAIN", noNamespace.Status);
        var namespaceOnly = await Dig.QueryAsync(fixture.Emulator, $"{ns}.svc.{Zone}", "A");
        Assert.True(namespaceOnly.Status == "NOERROR" && namespaceOnly.Answer.Count == 0, namespaceOnly.Describe());
    }

    [Fact]
    public async Task Srv_and_ptr_records_name_the_service()
    {
        var ns = await fixture.CreateNamespaceAsync("dns-srv");
        var ip = DnsManifests.ClusterIp();
        (await fixture.Kubectl.CreateFromManifestAsync(DnsManifests.ClusterIpService(ns, "web", ip))).Succeeds();
        var name = $"web.{ns}.svc.{Zone}";
        await Dig.UntilAsync(fixture.Emulator, name, "A", r => r.Status == "NOERROR");

        var srv = await Dig.QueryAsync(fixture.Emulator, $"_http._tcp.{name}", "SRV");
        Assert.Equal([$"_http._tcp.{name}. 5 IN SRV 0 100 80 {name}."], srv.Answer);
        Assert.Equal([$"{name}. 5 IN A {ip}"], srv.Additional);

        var udpPort = await Dig.QueryAsync(fixture.Emulator, $"_dns._udp.{name}", "SRV", "+tcp");
        Assert.Equal([$"_dns._udp.{name}. 5 IN SRV 0 100 53 {name}."], udpPort.Answer);

        var wrongProtocol = await Dig.QueryAsync(fixture.Emulator, $"_http._udp.{name}", "SRV");
        Assert.Equal("NXDOMAIN", wrongProtocol.Status);

        var ptr = await Dig.QueryAsync(fixture.Emulator, "", "", "-x", ip);
        Assert.Equal([$"{ReverseName(ip)} 5 IN PTR {name}."], ptr.Answer);
    }

    [Fact]
    public async Task A_headless_service_answers_one_record_per_ready_endpoint_and_follows_its_endpoint_slices()
    {
        var ns = await fixture.CreateNamespaceAsync("dns-headless");
        (await fixture.Kubectl.CreateFromManifestAsync(DnsManifests.HeadlessService(ns, "db"))).Succeeds();
        var name = $"db.{ns}.svc.{Zone}";

        // No ready endpoints: NXDOMAIN (DNS specification §2.4.1).
        await Dig.UntilAsync(fixture.Emulator, $"db.{ns}.svc.{Zone}", "A", r => r.Status == "NXDOMAIN");

        string ready = DnsManifests.EndpointIp(), unset = DnsManifests.EndpointIp(), notReady = DnsManifests.EndpointIp();
        (await fixture.Kubectl.CreateFromManifestAsync(DnsManifests.EndpointSlice(ns, "db-1", "db", ready, unset, notReady))).Succeeds();

        var all = await Dig.UntilAsync(fixture.Emulator, name, "A", r => r.Answer.Count == 2);
        Assert.Equal(new[] { ready, unset }.Order(StringComparer.Ordinal), all.AnswerData("A"));
        var tcp = await Dig.QueryAsync(fixture.Emulator, name, "A", "+tcp");
        Assert.Equal(all.AnswerData("A"), tcp.AnswerData("A"));

        var byHostname = await Dig.QueryAsync(fixture.Emulator, $"web-0.{name}", "A");
        Assert.Equal([$"web-0.{name}. 5 IN A {ready}"], byHostname.Answer);
        var byDashedIp = await Dig.QueryAsync(fixture.Emulator, $"{unset.Replace('.', '-')}.{name}", "A");
        Assert.Equal([$"{unset.Replace('.', '-')}.{name}. 5 IN A {unset}"], byDashedIp.Answer);

        // Headless SRV: the endpoint (target) port, one record per ready endpoint.
        var srv = await Dig.QueryAsync(fixture.Emulator, $"_http._tcp.{name}", "SRV");
        Assert.Equal(
            new[] { $"_http._tcp.{name}. 5 IN SRV 0 50 8080 web-0.{name}.", $"_http._tcp.{name}. 5 IN SRV 0 50 8080 {unset.Replace('.', '-')}.{name}." }
                .Order(StringComparer.Ordinal),
            srv.Answer.Order(StringComparer.Ordinal));

        var ptr = await Dig.QueryAsync(fixture.Emulator, "", "", "-x", ready);
        Assert.Equal([$"{ReverseName(ready)} 5 IN PTR web-0.{name}."], ptr.Answer);

        // Scaling down (the slice now holds one ready endpoint) changes the answer; deleting it empties the name.
        (await fixture.Kubectl.RunAsync("patch", "endpointslice", "db-1", "-n", ns, "--type", "merge",
            "-p", $$"""{"endpoints":[{"addresses":["{{unset}}"]}]}""")).Succeeds();
        await Dig.UntilAsync(fixture.Emulator, name, "A", r => r.Answer.Count == 1 && r.AnswerData("A")[0] == unset);
        (await fixture.Kubectl.RunAsync("delete", "endpointslice", "db-1", "-n", ns)).Succeeds();
        await Dig.UntilAsync(fixture.Emulator, name, "A", r => r.Status == "NXDOMAIN", "+tcp");
    }

    [Fact]
    public async Task An_external_name_service_is_a_cname()
    {
        var ns = await fixture.CreateNamespaceAsync("dns-cname");
        (await fixture.Kubectl.CreateFromManifestAsync(DnsManifests.ExternalNameService(ns, "search", "www.example.com"))).Succeeds();
        var name = $"search.{ns}.svc.{Zone}";

        var a = await Dig.UntilAsync(fixture.Emulator, name, "A", r => r.Status == "NOERROR");
        Assert.Equal([$"{name}. 5 IN CNAME www.example.com."], a.Answer);
        var cname = await Dig.QueryAsync(fixture.Emulator, name, "CNAME", "+tcp");
        Assert.Equal([$"{name}. 5 IN CNAME www.example.com."], cname.Answer);
        var srv = await Dig.QueryAsync(fixture.Emulator, name, "SRV");
        Assert.True(srv.Status == "NOERROR" && srv.Answer.Count == 0, srv.Describe());
    }

    [Fact]
    public async Task Pod_records_version_and_names_outside_the_zone()
    {
        var ns = await fixture.CreateNamespaceAsync("dns-pod");
        var pod = await Dig.UntilAsync(fixture.Emulator, $"127-244-9-9.{ns}.pod.{Zone}", "A", r => r.Status == "NOERROR");
        Assert.Equal([$"127-244-9-9.{ns}.pod.{Zone}. 5 IN A 127.244.9.9"], pod.Answer);
        Assert.Equal("NXDOMAIN", (await Dig.QueryAsync(fixture.Emulator, $"127-244-9-9.no-such-namespace.pod.{Zone}", "A")).Status);

        var version = await Dig.QueryAsync(fixture.Emulator, $"dns-version.{Zone}", "TXT");
        Assert.Equal([$"dns-version.{Zone}. 28800 IN TXT \"1.1.0\""], version.Answer);

        var outside = await Dig.QueryAsync(fixture.Emulator, "example.com", "A");
        Assert.Equal("REFUSED", outside.Status);
    }

    [Fact]
    public async Task A_udp_answer_too_big_for_the_client_is_truncated_and_complete_over_tcp()
    {
        var ns = await fixture.CreateNamespaceAsync("dns-big");
        (await fixture.Kubectl.CreateFromManifestAsync(DnsManifests.HeadlessService(ns, "big"))).Succeeds();
        var octet = Random.Shared.Next(1, 255);
        var addresses = Enumerable.Range(1, 60).Select(i => $"127.241.{octet}.{i}").ToList();
        var endpoints = string.Join("\n", addresses.Select(a => $"- addresses: [{a}]"));
        (await fixture.Kubectl.CreateFromManifestAsync($$"""
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata:
              name: big-1
              namespace: {{ns}}
              labels: {kubernetes.io/service-name: big}
            addressType: IPv4
            endpoints:
            {{endpoints}}
            """)).Succeeds();
        var name = $"big.{ns}.svc.{Zone}";
        await Dig.UntilAsync(fixture.Emulator, name, "A", r => r.Answer.Count == 60, "+tcp");

        // Without EDNS a UDP answer holds at most 512 bytes: the server sets TC and sends what fits.
        var udp = await Dig.QueryAsync(fixture.Emulator, name, "A", "+noedns", "+ignore");
        Assert.Contains("tc", udp.Flags);
        Assert.InRange(udp.Answer.Count, 1, 59);
        // dig, like any stub resolver, retries a truncated answer over TCP and gets every address.
        var retried = await Dig.QueryAsync(fixture.Emulator, name, "A", "+noedns");
        Assert.Equal(addresses.Order(StringComparer.Ordinal), retried.AnswerData("A"));
    }

    private static string ReverseName(string ip) => string.Join('.', ip.Split('.').Reverse()) + ".in-addr.arpa.";
}
