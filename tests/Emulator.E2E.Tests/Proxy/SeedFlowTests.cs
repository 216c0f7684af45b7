using Emulator.E2E.Tests.Harness;
using Xunit.Sdk;

namespace Emulator.E2E.Tests.Proxy;

/// <summary>
/// The seed chapter's data plane exactly as a user runs it: kubelet-run httpenv pods behind <c>kubectl expose</c>,
/// reached with real curl on the ClusterIP, a NodePort, through <c>kubectl proxy</c> and <c>kubectl port-forward</c>.
/// </summary>
[Collection(SharedEmulatorCollection.Name)]
public sealed class SeedFlowTests(EmulatorFixture fixture)
{
    private static readonly TimeSpan Rollout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Thirty_curls_to_the_cluster_ip_reach_at_least_five_httpenv_pods_of_the_service()
    {
        var ns = await fixture.CreateNamespaceAsync("seed");
        var kubectl = fixture.Kubectl;
        (await kubectl.RunAsync("create", "deployment", "httpenv", "--image=jpetazzo/httpenv", "--replicas=10", "-n", ns)).Succeeds();
        (await kubectl.RunAsync("expose", "deployment", "httpenv", "--port", "8888", "-n", ns)).Succeeds()
            .PrintsExactly("service/httpenv exposed\n");
        (await kubectl.RunAsync(["rollout", "status", "deploy/httpenv", "-n", ns], null, Rollout)).Succeeds();
        var pods = await ServicePodsAsync(ns, "httpenv", 10);

        // IP=$(kubectl get svc httpenv -o go-template --template '{{ .spec.clusterIP }}')
        var ip = (await kubectl.RunAsync("get", "svc", "httpenv", "-o", "go-template", "--template", "{{ .spec.clusterIP }}", "-n", ns)).Succeeds().Stdout;
        Assert.Matches(@"^127\.(9[6-9]|10[0-9]|11[01])\.\d+\.\d+$", ip);
        await Curl.HostnameWhenAnsweringAsync($"http://{ip}:8888/");

        // for i in $(seq 30); do curl -s http://$IP:8888/ | jq -r .HOSTNAME; done
        var hostnames = new List<string>();
        for (var i = 0; i < 30; i++) hostnames.Add(await Curl.HostnameAsync($"http://{ip}:8888/"));

        Assert.All(hostnames, h => Assert.Contains(h, pods));
        Assert.True(hostnames.Distinct().Count() >= 5, $"only {hostnames.Distinct().Count()} distinct pods answered: {string.Join(", ", hostnames)}");

        // The same Service through the API server: kubectl proxy, then kubectl port-forward to the Service and to one pod.
        var proxyPort = LocalPorts.Free();
        await using (var proxy = kubectl.Start("proxy", $"--port={proxyPort}"))
        {
            await proxy.WaitForStdoutLineAsync($"^Starting to serve on 127.0.0.1:{proxyPort}$", Deadlines.Event);
            Assert.Contains(await Curl.HostnameAsync($"http://127.0.0.1:{proxyPort}/api/v1/namespaces/{ns}/services/httpenv:8888/proxy/"), pods);
        }
        var svcPort = LocalPorts.Free();
        await using (var forward = kubectl.Start("port-forward", "-n", ns, "svc/httpenv", $"{svcPort}:8888"))
        {
            await forward.WaitForStdoutLineAsync($@"^Forwarding from 127\.0\.0\.1:{svcPort} -> 8888$", Deadlines.Event);
            var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Curl.HostnameAsync($"http://127.0.0.1:{svcPort}/")));
            // kubectl port-forward svc/ picks one pod of the Service and tunnels every connection to it.
            Assert.Single(answers.Distinct());
            Assert.Contains(answers[0], pods);
        }
        var pod = pods.First();
        var podPort = LocalPorts.Free();
        await using (var forward = kubectl.Start("port-forward", "-n", ns, $"pod/{pod}", $"{podPort}:8888"))
        {
            await forward.WaitForStdoutLineAsync($@"^Forwarding from 127\.0\.0\.1:{podPort} -> 8888$", Deadlines.Event);
            var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Curl.HostnameAsync($"http://127.0.0.1:{podPort}/")));
            Assert.All(answers, a => Assert.Equal(pod, a));
        }
    }

    [Fact]
    public async Task A_node_port_answers_everywhere_scaling_to_zero_refuses_at_once_and_deleting_closes_every_port()
    {
        var ns = await fixture.CreateNamespaceAsync("seed-np");
        var kubectl = fixture.Kubectl;
        (await kubectl.RunAsync("create", "deployment", "web", "--image=jpetazzo/httpenv", "--replicas=2", "-n", ns)).Succeeds();
        (await kubectl.RunAsync("expose", "deployment", "web", "--port", "8888", "--type=NodePort", "-n", ns)).Succeeds();
        (await kubectl.RunAsync(["rollout", "status", "deploy/web", "-n", ns], null, Rollout)).Succeeds();
        var pods = await ServicePodsAsync(ns, "web", 2);
        var ip = (await kubectl.RunAsync("get", "svc", "web", "-o", "go-template", "--template", "{{ .spec.clusterIP }}", "-n", ns)).Succeeds().Stdout;
        var nodePort = (await kubectl.RunAsync("get", "svc", "web", "-o", "go-template", "--template", "{{ (index .spec.ports 0).nodePort }}", "-n", ns))
            .Succeeds().Stdout;
        var nodeIps = (await kubectl.RunAsync("get", "nodes", "-o",
            "jsonpath={range .items[*]}{.status.addresses[?(@.type==\"InternalIP\")].address}{\"\\n\"}{end}")).Succeeds().StdoutLines
            .Where(l => l.Length > 0).ToList();
        Assert.NotEmpty(nodeIps);
        var urls = nodeIps.Prepend("127.0.0.1").Select(a => $"http://{a}:{nodePort}/").Prepend($"http://{ip}:8888/").ToList();

        foreach (var url in urls) Assert.Contains(await Curl.HostnameWhenAnsweringAsync(url), pods);

        (await kubectl.RunAsync("scale", "deployment", "web", "--replicas=0", "-n", ns)).Succeeds();
        // While the pods terminate, their endpoints stay "serving" after the kubelet stopped them, so a connection can
        // still be accepted and then reset by the backend's refusal (curl 56, or 7 when the reset beats curl's own
        // connect). Once they are gone every frontend closes and the kernel refuses.
        (await kubectl.RunAsync(["wait", "--for=delete", "pod", "-l", "app=web", "-n", ns, "--timeout=60s"], null, Rollout)).Succeeds();
        foreach (var url in urls) await Curl.RefusedAsync(url);
        foreach (var url in urls) Assert.Equal(Curl.CouldNotConnect, (await Curl.RunAsync(url)).ExitCode);

        (await kubectl.RunAsync("scale", "deployment", "web", "--replicas=2", "-n", ns)).Succeeds();
        (await kubectl.RunAsync(["rollout", "status", "deploy/web", "-n", ns], null, Rollout)).Succeeds();
        var newPods = await ServicePodsAsync(ns, "web", 2);
        Assert.Empty(newPods.Intersect(pods));
        foreach (var url in urls) Assert.Contains(await Curl.HostnameWhenAnsweringAsync(url), newPods);

        (await kubectl.RunAsync("delete", "service", "web", "-n", ns)).Succeeds();
        foreach (var url in urls) await Curl.RefusedAsync(url);
    }

    /// <summary>The pods in the Service's EndpointSlices, once it lists <paramref name="count"/> ready ones.</summary>
    private async Task<IReadOnlyList<string>> ServicePodsAsync(string ns, string service, int count)
    {
        var deadline = DateTime.UtcNow + Deadlines.Event;
        while (true)
        {
            var result = (await fixture.Kubectl.RunAsync("get", "endpointslices", "-n", ns, "-l", $"kubernetes.io/service-name={service}", "-o",
                "jsonpath={range .items[*].endpoints[?(@.conditions.ready==true)]}{.targetRef.name}{\"\\n\"}{end}")).Succeeds();
            var names = result.StdoutLines.Where(l => l.Length > 0).Distinct().ToList();
            if (names.Count == count)
            {
                var selected = (await fixture.Kubectl.RunAsync("get", "pods", "-n", ns, "-l", $"app={service}", "-o", "name")).Succeeds()
                    .StdoutLines.Where(l => l.Length > 0).Select(l => l["pod/".Length..]).ToList();
                Assert.Subset(selected.ToHashSet(), names.ToHashSet());
                return names;
            }
            if (DateTime.UtcNow > deadline) throw new XunitException($"the slices of {service} never listed {count} ready pods.\n{result.Describe()}");
            await Task.Delay(200);
        }
    }
}
