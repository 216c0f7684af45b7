using Emulator.Domain.Dns;

namespace Emulator.Domain.Tests.Dns;

public sealed class DnsRequestTests
{
    [Theory]
    [InlineData("cluster.local.", "|||||")]
    [InlineData("svc.cluster.local.", "|||||")]
    [InlineData("pod.cluster.local.", "|||||")]
    [InlineData("default.svc.cluster.local.", "svc|default||||")]
    [InlineData("web.default.svc.cluster.local.", "svc|default|web|||")]
    [InlineData("db-0.web.default.svc.cluster.local.", "svc|default|web|db-0||")]
    [InlineData("_http._tcp.web.default.svc.cluster.local.", "svc|default|web||http|tcp")]
    [InlineData("http.tcp.web.default.svc.cluster.local.", "svc|default|web||http|tcp")]
    [InlineData("1-2-3-4.default.pod.cluster.local.", "pod|default|1-2-3-4|||")]
    [InlineData("a.b.c.web.default.svc.cluster.local.", "invalid")]
    [InlineData("web.default.nodes.cluster.local.", "invalid")]
    [InlineData("dns-version.cluster.local.", "invalid")]
    public void Reads_labels_right_to_left(string name, string expected)
    {
        var r = DnsRequest.Parse(name, "cluster.local.");
        var text = r is null ? "invalid" : $"{r.PodOrSvc}|{r.Namespace}|{r.Service}|{r.Endpoint}|{r.Port}|{r.Protocol}";
        Assert.Equal(expected, text);
    }

    [Theory]
    [InlineData("20.0.96.127.in-addr.arpa.", "127.96.0.20")]
    [InlineData("0.96.127.in-addr.arpa.", null)]
    [InlineData("300.0.96.127.in-addr.arpa.", null)]
    [InlineData("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.", "2001:db8::1")]
    [InlineData("web.default.svc.cluster.local.", null)]
    public void Extracts_addresses_from_reverse_names(string name, string? expected) =>
        Assert.Equal(expected, DnsIp.FromReverse(name));

    [Theory]
    [InlineData("10.0.0.1", true)]
    [InlineData("10.0.0.01", false)]
    [InlineData("1", false)]
    [InlineData("1.2.3", false)]
    [InlineData("256.1.1.1", false)]
    [InlineData("2001:db8::1", true)]
    [InlineData("example.com", false)]
    public void Parses_addresses_as_go_does(string text, bool valid) => Assert.Equal(valid, DnsIp.Parse(text) is not null);
}
