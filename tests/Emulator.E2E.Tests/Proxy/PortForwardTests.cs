using Emulator.E2E.Tests.Harness;

namespace Emulator.E2E.Tests.Proxy;

/// <summary><c>kubectl port-forward</c> over the WebSocket tunnel (kubectl's default) and the plain SPDY fallback.</summary>
[Collection(SharedEmulatorCollection.Name)]
public sealed class PortForwardTests(EmulatorFixture fixture)
{
    [Fact]
    public async Task Port_forward_to_a_pod_carries_several_concurrent_requests()
    {
        var ns = await fixture.CreateNamespaceAsync("pf-ws");
        await using var backend = Assert.Single(TestBackend.StartMany("pf", 1));
        await TestPods.CreateRunningAsync(fixture, ns, "web", backend.Address, backend.Port);
        var local = LocalPorts.Free();
        await using var forward = fixture.Kubectl.Start("port-forward", "-n", ns, "pod/web", $"{local}:{backend.Port}");
        await forward.WaitForStdoutLineAsync($@"^Forwarding from 127\.0\.0\.1:{local} -> {backend.Port}$", Deadlines.Event);

        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => ApiServerProxyTests.CurlAsync($"http://127.0.0.1:{local}/r{i}")));

        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"pf-0 GET /r{i}"), answers);
        await forward.WaitForStdoutLineAsync($"^Handling connection for {local}$", Deadlines.Event);
    }

    [Fact]
    public async Task Port_forward_to_a_service_reaches_its_pod_on_the_target_port()
    {
        var ns = await fixture.CreateNamespaceAsync("pf-svc");
        await using var backend = Assert.Single(TestBackend.StartMany("svcpf", 1));
        await TestPods.CreateRunningAsync(fixture, ns, "web", backend.Address, backend.Port);
        var service = $"""
                       apiVersion: v1
                       kind: Service
                       metadata:
                         name: web
                       spec:
                         clusterIP: {ProxyManifests.RandomClusterIp()}
                         selector:
                           app: web
                         ports:
                         - port: 8888
                           targetPort: {backend.Port}
                       """;
        (await fixture.Kubectl.CreateFromManifestAsync(service, "-n", ns)).Succeeds();
        var local = LocalPorts.Free();
        await using var forward = fixture.Kubectl.Start("port-forward", "-n", ns, "svc/web", $"{local}:8888");
        await forward.WaitForStdoutLineAsync($@"^Forwarding from 127\.0\.0\.1:{local} -> {backend.Port}$", Deadlines.Event);

        Assert.Equal("svcpf-0 GET /via-service", await ApiServerProxyTests.CurlAsync($"http://127.0.0.1:{local}/via-service"));
    }

    [Fact]
    public async Task Port_forward_falls_back_to_spdy_when_websockets_are_off()
    {
        var ns = await fixture.CreateNamespaceAsync("pf-spdy");
        await using var backend = Assert.Single(TestBackend.StartMany("spdy", 1));
        await TestPods.CreateRunningAsync(fixture, ns, "web", backend.Address, backend.Port);
        var local = LocalPorts.Free();
        var home = TempDirs.Create("pf-home");
        try
        {
            var command = new ToolCommand(RepoPaths.Tool("kubectl"),
                ["--kubeconfig", fixture.Emulator.KubeconfigPath, "--cache-dir", Path.Combine(home, "cache"), "port-forward", "-n", ns, "pod/web", $"{local}:{backend.Port}"],
                new Dictionary<string, string?> { ["HOME"] = home, ["KUBECONFIG"] = null, ["KUBECTL_PORT_FORWARD_WEBSOCKETS"] = "false" });
            await using var forward = RunningCommand.Start(command, fixture.Emulator.RecentOutput);
            await forward.WaitForStdoutLineAsync($@"^Forwarding from 127\.0\.0\.1:{local} -> {backend.Port}$", Deadlines.Event);

            var answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => ApiServerProxyTests.CurlAsync($"http://127.0.0.1:{local}/s{i}")));

            Assert.Equal(Enumerable.Range(0, 3).Select(i => $"spdy-0 GET /s{i}"), answers);
        }
        finally
        {
            TempDirs.TryDelete(home);
        }
    }
}
