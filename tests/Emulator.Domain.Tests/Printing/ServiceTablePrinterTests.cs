using Emulator.Domain.Resources.Core.Services;

namespace Emulator.Domain.Tests.Printing;

public sealed class ServiceTablePrinterTests
{
    private static readonly ServiceTablePrinter Printer = new();

    private static object?[] Cells(string body) => Printer.Cells(PrinterFixtures.Object("httpenv", body), PrinterFixtures.Now);

    [Fact]
    public void Cluster_ip_service()
    {
        var cells = Cells("""
            "spec":{"type":"ClusterIP","clusterIP":"10.96.0.10","clusterIPs":["10.96.0.10"],
              "ports":[{"port":8888,"protocol":"TCP","targetPort":8888}],"selector":{"app":"httpenv"}},
            "status":{"loadBalancer":{}}
            """);
        Assert.Equal<object?>(["httpenv", "ClusterIP", "10.96.0.10", "<none>", "8888/TCP", "10m", "app=httpenv"], cells);
    }

    [Fact]
    public void Node_port_service_shows_port_and_node_port()
    {
        var cells = Cells("""
            "spec":{"type":"NodePort","clusterIP":"10.96.7.7","clusterIPs":["10.96.7.7"],
              "ports":[{"name":"http","port":80,"nodePort":30080,"protocol":"TCP"},{"name":"dns","port":53,"nodePort":30053,"protocol":"UDP"}],
              "selector":{"tier":"fe","app":"web"}}
            """);
        Assert.Equal<object?>(["httpenv", "NodePort", "10.96.7.7", "<none>", "80:30080/TCP,53:30053/UDP", "10m", "app=web,tier=fe"], cells);
    }

    [Fact]
    public void Headless_service_without_ports_or_selector()
    {
        var cells = Cells(""" "spec":{"type":"ClusterIP","clusterIP":"None","clusterIPs":["None"]} """);
        Assert.Equal<object?>(["httpenv", "ClusterIP", "None", "<none>", "<none>", "10m", "<none>"], cells);
    }

    [Theory]
    [InlineData(""" "status":{"loadBalancer":{}} """, "<pending>")]
    [InlineData(""" "status":{} """, "<pending>")]
    [InlineData(""" "status":{"loadBalancer":{"ingress":[{"ip":"203.0.113.10"}]}} """, "203.0.113.10")]
    [InlineData(""" "status":{"loadBalancer":{"ingress":[{"hostname":"lb.example.com"},{"ip":"203.0.113.10"},{"ip":"203.0.113.10"}]}} """,
        "203.0.113.10,lb.example.com")]
    public void Load_balancer_external_ip(string status, string expected)
    {
        var cells = Cells($$"""
            "spec":{"type":"LoadBalancer","clusterIP":"10.96.1.1","clusterIPs":["10.96.1.1"],"ports":[{"port":80,"nodePort":31000,"protocol":"TCP"}]},
            {{status}}
            """);
        Assert.Equal("LoadBalancer", cells[1]);
        Assert.Equal(expected, cells[3]);
        Assert.Equal("80:31000/TCP", cells[4]);
    }

    [Theory]
    [InlineData("LoadBalancer", """ "status":{"loadBalancer":{"ingress":[{"ip":"203.0.113.10"}]}} """, "203.0.113.10,198.51.100.7,198.51.100.8")]
    [InlineData("LoadBalancer", """ "status":{"loadBalancer":{}} """, "198.51.100.7,198.51.100.8")]
    [InlineData("ClusterIP", """ "status":{} """, "198.51.100.7,198.51.100.8")]
    [InlineData("NodePort", """ "status":{} """, "198.51.100.7,198.51.100.8")]
    public void External_ips_are_listed(string type, string status, string expected)
    {
        var cells = Cells($$"""
            "spec":{"type":"{{type}}","clusterIP":"10.96.1.1","externalIPs":["198.51.100.7","198.51.100.8"]},
            {{status}}
            """);
        Assert.Equal(expected, cells[3]);
    }

    [Fact]
    public void External_name_service()
    {
        var cells = Cells(""" "spec":{"type":"ExternalName","externalName":"db.example.com"} """);
        Assert.Equal<object?>(["httpenv", "ExternalName", "<none>", "db.example.com", "<none>", "10m", "<none>"], cells);
    }

    [Fact]
    public void Legacy_cluster_ip_without_cluster_ips_is_used() =>
        Assert.Equal("10.96.3.3", Cells(""" "spec":{"type":"ClusterIP","clusterIP":"10.96.3.3"} """)[2]);
}
