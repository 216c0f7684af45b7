using System.Text.Json.Nodes;
using Emulator.E2E.Tests.Harness;

namespace Emulator.E2E.Tests.Kubelet;

/// <summary>The environment the kubelet gives a container, read back through httpenv: service links and KUBERNETES_*.</summary>
[Collection(SharedEmulatorCollection.Name)]
public sealed class ContainerEnvironmentTests(EmulatorFixture fixture)
{
    private static string Pod(string name, bool links) => $$$"""
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"{{{name}}}"},
         "spec":{"enableServiceLinks":{{{(links ? "true" : "false")}}},"containers":[{"name":"env","image":"jpetazzo/httpenv",
           "env":[{"name":"COLOR","value":"blue"},{"name":"GREETING","value":"hello $(COLOR)"}]}]}}
        """;

    [Fact]
    public async Task Services_existing_before_the_pod_appear_as_link_variables_unless_links_are_disabled()
    {
        var ns = await fixture.CreateNamespaceAsync("svcenv");
        var kubectl = fixture.Kubectl;
        (await kubectl.RunAsync("create", "service", "clusterip", "redis-primary", "--tcp=6379:6379", "-n", ns)).Succeeds();
        var clusterIp = (await kubectl.UntilAsync(@"^127\.", "get", "svc", "redis-primary", "-n", ns, "-o", "jsonpath={.spec.clusterIP}")).Stdout.Trim();
        (await kubectl.CreateFromManifestAsync(Pod("linked", true), "-n", ns)).Succeeds();
        (await kubectl.CreateFromManifestAsync(Pod("unlinked", false), "-n", ns)).Succeeds();

        var linked = await EnvironmentOfAsync(ns, "linked");
        Assert.Equal(clusterIp, (string?)linked["REDIS_PRIMARY_SERVICE_HOST"]);
        Assert.Equal("6379", (string?)linked["REDIS_PRIMARY_SERVICE_PORT"]);
        Assert.Equal($"tcp://{clusterIp}:6379", (string?)linked["REDIS_PRIMARY_PORT"]);
        Assert.Equal($"tcp://{clusterIp}:6379", (string?)linked["REDIS_PRIMARY_PORT_6379_TCP"]);
        Assert.Equal("tcp", (string?)linked["REDIS_PRIMARY_PORT_6379_TCP_PROTO"]);
        Assert.Equal(clusterIp, (string?)linked["REDIS_PRIMARY_PORT_6379_TCP_ADDR"]);
        Assert.Equal("hello blue", (string?)linked["GREETING"]);
        Assert.Equal("linked", (string?)linked["HOSTNAME"]);

        var unlinked = await EnvironmentOfAsync(ns, "unlinked");
        Assert.Null(unlinked["REDIS_PRIMARY_SERVICE_HOST"]);
        foreach (var env in new[] { linked, unlinked })
        {
            Assert.Equal("127.96.0.1", (string?)env["KUBERNETES_SERVICE_HOST"]);
            Assert.Equal("443", (string?)env["KUBERNETES_SERVICE_PORT"]);
            Assert.Equal("tcp://127.96.0.1:443", (string?)env["KUBERNETES_PORT_443_TCP"]);
        }
    }

    private async Task<JsonObject> EnvironmentOfAsync(string ns, string pod)
    {
        var ip = await fixture.Kubectl.PodIpAsync(ns, pod);
        await fixture.Kubectl.UntilAsync($@"^{pod}\s+1/1\s+Running", "get", "pod", pod, "-n", ns);
        var body = (await Curl.RunAsync($"http://{ip}:8888/")).Succeeds().Stdout;
        return JsonNode.Parse(body)!.AsObject();
    }
}
