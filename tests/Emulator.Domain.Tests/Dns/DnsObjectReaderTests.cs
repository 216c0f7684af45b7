using System.Text.Json.Nodes;
using Emulator.Domain.Dns;

namespace Emulator.Domain.Tests.Dns;

public sealed class DnsObjectReaderTests
{
    [Theory]
    [InlineData("""{"type":"ClusterIP","clusterIP":"127.96.0.20","clusterIPs":["127.96.0.20"],"ports":[{"name":"http","port":80}]}""", "ClusterIp|127.96.0.20||http/TCP/80")]
    [InlineData("""{"clusterIP":"127.96.0.21","ports":[{"port":80,"protocol":"UDP"}]}""", "ClusterIp|127.96.0.21||/UDP/80")]
    [InlineData("""{"type":"ClusterIP","clusterIP":"None","clusterIPs":["None"]}""", "Headless|||/-1")]
    [InlineData("""{"type":"ExternalName","externalName":"example.com"}""", "ExternalName||example.com|/-1")]
    [InlineData("""{"type":"ClusterIP","ports":[{"name":"http","port":80}]}""", "ClusterIp|||http/TCP/80")]
    public void Reads_services(string spec, string expected)
    {
        var svc = DnsObjectReader.Service(new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "web", ["namespace"] = "default" },
            ["spec"] = JsonNode.Parse(spec),
        });
        var ports = string.Join(",", svc.Ports.Select(p => p.Number == -1 ? "/-1" : $"{p.Name}/{p.Protocol}/{p.Number}"));
        Assert.Equal(expected, $"{svc.Kind}|{string.Join(",", svc.ClusterIps)}|{svc.ExternalName}|{ports}");
    }

    [Fact]
    public void Reads_ready_endpoints_of_a_slice()
    {
        var slice = JsonNode.Parse("""
            {"metadata":{"name":"db-1","labels":{"kubernetes.io/service-name":"db"}},"addressType":"IPv4",
             "endpoints":[
               {"addresses":["127.244.1.7"],"conditions":{"ready":true},"hostname":"db-0"},
               {"addresses":["127.244.2.8"]},
               {"addresses":["127.244.3.9"],"conditions":{"ready":false}},
               {"addresses":["127.244.4.1"],"conditions":{"ready":null}}],
             "ports":[{"name":"pg","port":5432,"protocol":"TCP"}]}
            """)!.AsObject();
        Assert.Equal("db", DnsObjectReader.ServiceName(slice));
        var read = DnsObjectReader.Slice(slice);
        Assert.Equal("127.244.1.7=db-0,127.244.2.8=127-244-2-8,127.244.4.1=127-244-4-1",
            string.Join(",", read.Addresses.Select(a => $"{a.Ip}={a.Label}")));
        Assert.Equal(new DnsPort("pg", "TCP", 5432), Assert.Single(read.Ports));
    }

    [Theory]
    [InlineData("2001:db8::1", "", "2001-db8--1")]
    [InlineData("2001:db8::", "", "2001-db8--0")]
    [InlineData("127.0.0.1", "web-0", "web-0")]
    public void Labels_endpoints_as_coredns(string ip, string hostname, string label) =>
        Assert.Equal(label, new DnsEndpointAddress(ip, hostname).Label);

    [Fact]
    public void An_unlabelled_slice_belongs_to_no_service() =>
        Assert.Null(DnsObjectReader.ServiceName(JsonNode.Parse("""{"metadata":{"name":"x"}}""")!.AsObject()));
}
