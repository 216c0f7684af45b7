using System.Text.Json.Nodes;
using Emulator.Domain.Workloads;

namespace Emulator.Domain.Tests.Workloads;

public sealed class ServiceLinksTests
{
    private static JsonObject Service(string ns, string name, string clusterIp, params (string? Name, int Port, string Protocol)[] ports)
    {
        var list = new JsonArray();
        foreach (var (portName, port, protocol) in ports)
        {
            var p = new JsonObject { ["port"] = port, ["protocol"] = protocol };
            if (portName is not null) p["name"] = portName;
            list.Add(p);
        }
        return new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
            ["spec"] = new JsonObject { ["clusterIP"] = clusterIp, ["ports"] = list },
        };
    }

    private static readonly JsonObject Kubernetes = Service("default", "kubernetes", "10.96.0.1", ("https", 443, "TCP"));

    [Theory]
    [InlineData("REDIS_PRIMARY_SERVICE_HOST", "10.96.200.11")]
    [InlineData("REDIS_PRIMARY_SERVICE_PORT", "6379")]
    [InlineData("REDIS_PRIMARY_PORT", "tcp://10.96.200.11:6379")]
    [InlineData("REDIS_PRIMARY_PORT_6379_TCP", "tcp://10.96.200.11:6379")]
    [InlineData("REDIS_PRIMARY_PORT_6379_TCP_PROTO", "tcp")]
    [InlineData("REDIS_PRIMARY_PORT_6379_TCP_PORT", "6379")]
    [InlineData("REDIS_PRIMARY_PORT_6379_TCP_ADDR", "10.96.200.11")]
    [InlineData("KUBERNETES_SERVICE_HOST", "10.96.0.1")]
    [InlineData("KUBERNETES_SERVICE_PORT", "443")]
    [InlineData("KUBERNETES_SERVICE_PORT_HTTPS", "443")]
    [InlineData("KUBERNETES_PORT", "tcp://10.96.0.1:443")]
    [InlineData("KUBERNETES_PORT_443_TCP_ADDR", "10.96.0.1")]
    [InlineData("DNS_PORT_53_UDP", "udp://10.96.0.10:53")]
    [InlineData("DNS_SERVICE_PORT_DNS_TCP", "53")]
    public void Variables_follow_the_docker_links_format(string name, string value)
    {
        var services = new[]
        {
            Kubernetes,
            Service("app", "redis-primary", "10.96.200.11", (null, 6379, "TCP")),
            Service("app", "dns", "10.96.0.10", ("dns", 53, "UDP"), ("dns-tcp", 53, "TCP")),
        };

        var env = ServiceLinks.For(services, "app", enableServiceLinks: true);

        Assert.Equal(value, env[name]);
    }

    [Fact]
    public void Headless_services_other_namespaces_and_disabled_links_are_left_out()
    {
        var services = new[]
        {
            Kubernetes,
            Service("app", "headless", "None", (null, 80, "TCP")),
            Service("other", "web", "10.96.1.1", (null, 80, "TCP")),
            Service("app", "web", "10.96.1.2", (null, 80, "TCP")),
        };

        var enabled = ServiceLinks.For(services, "app", enableServiceLinks: true);
        var disabled = ServiceLinks.For(services, "app", enableServiceLinks: false);

        Assert.False(enabled.ContainsKey("HEADLESS_SERVICE_HOST"));
        Assert.Equal("10.96.1.2", enabled["WEB_SERVICE_HOST"]);
        Assert.False(disabled.ContainsKey("WEB_SERVICE_HOST"));
        Assert.Equal("10.96.0.1", disabled["KUBERNETES_SERVICE_HOST"]);
    }

    [Fact]
    public void Go_json_sorts_keys_and_escapes_html_characters()
    {
        var json = GoJson.Map(new Dictionary<string, string> { ["b"] = "<a&b>", ["A"] = "x\"y\n", ["HOSTNAME"] = "web-1" });

        Assert.Equal("""{"A":"x\"y\n","HOSTNAME":"web-1","b":"\u003ca\u0026b\u003e"}""", json);
    }

    [Theory]
    [InlineData("$(A)-x", "1-x")]
    [InlineData("$$(A)", "$(A)")]
    [InlineData("$(MISSING)", "$(MISSING)")]
    [InlineData("$(SVC_SERVICE_HOST):80", "10.0.0.1:80")]
    public void Env_values_expand_earlier_variables_and_service_links(string input, string expected) =>
        Assert.Equal(expected, ContainerEnvironment.Expand(input, new Dictionary<string, string> { ["A"] = "1" },
            new Dictionary<string, string> { ["SVC_SERVICE_HOST"] = "10.0.0.1" }));
}
