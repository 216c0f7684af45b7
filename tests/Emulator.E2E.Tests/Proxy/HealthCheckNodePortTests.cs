using System.Text.Json.Nodes;
using Emulator.E2E.Tests.Harness;
using Xunit.Sdk;

namespace Emulator.E2E.Tests.Proxy;

/// <summary>
/// healthCheckNodePort of a LoadBalancer Service with externalTrafficPolicy Local: every node answers kube-proxy's
/// health check on its InternalIP, 200 with its local endpoint count where it has a ready pod and 503 where not.
/// </summary>
[Collection(SharedEmulatorCollection.Name)]
public sealed class HealthCheckNodePortTests(EmulatorFixture fixture)
{
    [Fact]
    public async Task Each_node_reports_its_local_endpoints_on_the_health_check_node_port()
    {
        var ns = await fixture.CreateNamespaceAsync("proxy-hc");
        var kubectl = fixture.Kubectl;
        (await kubectl.RunAsync("create", "deployment", "hc", "--image=jpetazzo/httpenv", "--replicas=2", "-n", ns)).Succeeds();
        (await kubectl.RunAsync("expose", "deployment", "hc", "--port", "8888", "--type=LoadBalancer", "-n", ns)).Succeeds();
        (await kubectl.RunAsync("patch", "svc", "hc", "-n", ns, "-p", """{"spec":{"externalTrafficPolicy":"Local"}}""")).Succeeds()
            .PrintsExactly("service/hc patched\n");
        (await kubectl.RunAsync(["rollout", "status", "deploy/hc", "-n", ns], null, TimeSpan.FromSeconds(90))).Succeeds();
        var port = int.Parse((await kubectl.RunAsync("get", "svc", "hc", "-n", ns, "-o", "go-template", "--template", "{{ .spec.healthCheckNodePort }}"))
            .Succeeds().Stdout);
        Assert.InRange(port, 30000, 32767);
        var nodes = (await kubectl.RunAsync("get", "nodes", "-o",
                "jsonpath={range .items[*]}{.metadata.name} {.status.addresses[?(@.type==\"InternalIP\")].address}{\"\\n\"}{end}")).Succeeds()
            .StdoutLines.Where(l => l.Length > 0).Select(l => l.Split(' '))
            // Node objects that other tests in the shared emulator create have no InternalIP and no proxy behind them.
            .Where(p => p.Length == 2 && p[1].Length > 0).ToDictionary(p => p[0], p => p[1]);
        Assert.NotEmpty(nodes);
        var podNodes = (await kubectl.RunAsync("get", "pods", "-n", ns, "-l", "app=hc", "-o", "jsonpath={range .items[*]}{.spec.nodeName}{\"\\n\"}{end}"))
            .Succeeds().StdoutLines.Where(l => l.Length > 0).ToList();
        Assert.Equal(2, podNodes.Count);

        foreach (var (node, ip) in nodes)
        {
            var expected = podNodes.Count(n => n == node);
            await UntilAsync($"http://{ip}:{port}/healthz", expected > 0 ? "200" : "503", ns, expected);
        }

        (await kubectl.RunAsync("scale", "deployment", "hc", "--replicas=0", "-n", ns)).Succeeds();
        foreach (var ip in nodes.Values) await UntilAsync($"http://{ip}:{port}/", "503", ns, 0);

        (await kubectl.RunAsync("delete", "svc", "hc", "-n", ns)).Succeeds();
        foreach (var ip in nodes.Values) await Curl.RefusedAsync($"http://{ip}:{port}/");
    }

    /// <summary>Polls with <c>curl -s -w '\n%{http_code}'</c> until the status and kube-proxy's JSON body are as expected.</summary>
    private static async Task UntilAsync(string url, string status, string ns, int localEndpoints)
    {
        var deadline = DateTime.UtcNow + Deadlines.Event;
        while (true)
        {
            var result = await ProcessRunner.RunAsync(
                new ToolCommand("curl", ["-s", "--noproxy", "*", "--max-time", "10", "-w", "\n%{http_code}", url], new Dictionary<string, string?>()),
                null, TimeSpan.FromSeconds(30), () => "");
            var split = result.Stdout.LastIndexOf('\n');
            if (result.ExitCode == 0 && split > 0 && result.Stdout[(split + 1)..] == status)
            {
                var body = result.Stdout[..split];
                var json = JsonNode.Parse(body)!.AsObject();
                if (json["localEndpoints"]!.GetValue<int>() == localEndpoints)
                {
                    Assert.Equal(["service", "localEndpoints", "serviceProxyHealthy"], json.Select(p => p.Key));
                    Assert.Equal(ns, json["service"]!["namespace"]!.GetValue<string>());
                    Assert.Equal("hc", json["service"]!["name"]!.GetValue<string>());
                    Assert.True(json["serviceProxyHealthy"]!.GetValue<bool>());
                    return;
                }
            }
            if (DateTime.UtcNow > deadline)
                throw new XunitException($"{url} never answered {status} with localEndpoints {localEndpoints}.\n{result.Describe()}");
            await Task.Delay(200);
        }
    }
}
