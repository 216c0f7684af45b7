using System.Diagnostics;
using Emulator.E2E.Tests.Harness;

namespace Emulator.E2E.Tests.Proxy;

/// <summary>The proxy subresources of services and pods, through <c>kubectl get --raw</c> and <c>kubectl proxy</c>.</summary>
[Collection(SharedEmulatorCollection.Name)]
public sealed class ApiServerProxyTests(EmulatorFixture fixture)
{
    [Fact]
    public async Task Get_raw_on_the_service_proxy_reaches_an_endpoint_with_the_rest_of_the_path()
    {
        var ns = await fixture.CreateNamespaceAsync("apiproxy-svc");
        await using var backend = Assert.Single(TestBackend.StartMany("px", 1));
        await CreateServiceAsync(ns, backend);

        (await fixture.Kubectl.RunAsync("get", "--raw", $"/api/v1/namespaces/{ns}/services/web:web/proxy/some/path/?x=1")).Succeeds()
            .PrintsExactly("px-0 GET /some/path/?x=1");
        (await fixture.Kubectl.RunAsync("get", "--raw", $"/api/v1/namespaces/{ns}/services/http:web:8888/proxy/")).Succeeds()
            .PrintsExactly("px-0 GET /");
    }

    [Fact]
    public async Task Kubectl_proxy_serves_the_service_proxy_path()
    {
        var ns = await fixture.CreateNamespaceAsync("apiproxy-kubectl");
        await using var backend = Assert.Single(TestBackend.StartMany("kp", 1));
        await CreateServiceAsync(ns, backend);
        var port = LocalPorts.Free();
        await using var proxy = fixture.Kubectl.Start("proxy", $"--port={port}");
        await proxy.WaitForStdoutLineAsync($"^Starting to serve on 127.0.0.1:{port}$", Deadlines.Event);

        var curl = await CurlAsync($"http://127.0.0.1:{port}/api/v1/namespaces/{ns}/services/web:8888/proxy/index.html");

        Assert.Equal("kp-0 GET /index.html", curl);
    }

    [Fact]
    public async Task A_service_without_ready_endpoints_answers_service_unavailable()
    {
        var ns = await fixture.CreateNamespaceAsync("apiproxy-empty");
        (await fixture.Kubectl.CreateFromManifestAsync(ProxyManifests.Service("web", ProxyManifests.RandomClusterIp(), 8888), "-n", ns)).Succeeds();

        (await fixture.Kubectl.RunAsync("get", "--raw", $"/api/v1/namespaces/{ns}/services/web:web/proxy/")).FailsWith(1)
            .PrintsErrorLine("""^Error from server \(ServiceUnavailable\): no endpoints available for service "web:web"$""");
    }

    [Fact]
    public async Task Get_raw_on_the_pod_proxy_reaches_the_pod_ip()
    {
        var ns = await fixture.CreateNamespaceAsync("apiproxy-pod");
        await using var backend = Assert.Single(TestBackend.StartMany("pod", 1));
        await TestPods.CreateRunningAsync(fixture, ns, "web", backend.Address, backend.Port);

        (await fixture.Kubectl.RunAsync("get", "--raw", $"/api/v1/namespaces/{ns}/pods/web:{backend.Port}/proxy/healthz")).Succeeds()
            .PrintsExactly("pod-0 GET /healthz");
        (await fixture.Kubectl.RunAsync("get", "--raw", $"/api/v1/namespaces/{ns}/pods/web/proxy/first-port")).Succeeds()
            .PrintsExactly("pod-0 GET /first-port");
    }

    private async Task CreateServiceAsync(string ns, TestBackend backend)
    {
        (await fixture.Kubectl.CreateFromManifestAsync(ProxyManifests.Service("web", ProxyManifests.RandomClusterIp(), 8888), "-n", ns)).Succeeds();
        (await fixture.Kubectl.CreateFromManifestAsync(ProxyManifests.Slice("web", [backend]), "-n", ns)).Succeeds();
    }

    /// <summary>curl, as the user would run it against kubectl proxy; the body is what it prints.</summary>
    internal static async Task<string> CurlAsync(string url)
    {
        using var curl = Process.Start(new ProcessStartInfo("curl", ["-sS", "--max-time", "20", "--noproxy", "*", url])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var stdout = curl.StandardOutput.ReadToEndAsync();
        var stderr = curl.StandardError.ReadToEndAsync();
        await curl.WaitForExitAsync();
        Assert.True(curl.ExitCode == 0, $"curl {url} exited {curl.ExitCode}: {await stderr}");
        return await stdout;
    }
}
