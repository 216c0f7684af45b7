using System.Net;
using System.Net.Sockets;
using System.Text;
using Emulator.E2E.Tests.Harness;
using Xunit.Sdk;

namespace Emulator.E2E.Tests.Proxy;

/// <summary>loadBalancerSourceRanges: the ingress IP answers clients inside a range and drops the others (no answer, no refusal).</summary>
[Collection(SharedEmulatorCollection.Name)]
public sealed class SourceRangeTests(EmulatorFixture fixture)
{
    [Fact]
    public async Task The_ingress_ip_answers_only_clients_from_the_source_ranges()
    {
        var ns = await fixture.CreateNamespaceAsync("proxy-lbsr");
        await using var backend = Assert.Single(TestBackend.StartMany("sr", 1));
        var allowed = $"127.0.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(2, 250)}";
        var other = "127.0.255.254";
        (await fixture.Kubectl.CreateFromManifestAsync(ProxyManifests.Service("web", ProxyManifests.RandomClusterIp(), 8888, type: "LoadBalancer",
            extraSpec: $"  loadBalancerSourceRanges: [\"{allowed}/32\"]"), "-n", ns)).Succeeds();
        (await fixture.Kubectl.CreateFromManifestAsync(ProxyManifests.Slice("web", [backend]), "-n", ns)).Succeeds();
        (await fixture.Kubectl.RunAsync(["wait", "service/web", "-n", ns, "--for=jsonpath={.status.loadBalancer.ingress[0].ip}", "--timeout=30s"],
            stdin: null, timeout: TimeSpan.FromSeconds(40))).Succeeds();
        var ingress = (await fixture.Kubectl.RunAsync("get", "service", "web", "-n", ns, "-o", "jsonpath={.status.loadBalancer.ingress[0].ip}"))
            .Succeeds().Stdout;

        var deadline = DateTime.UtcNow + Deadlines.Event;
        string? answer;
        while ((answer = await GetFromAsync(allowed, ingress, 8888, TimeSpan.FromSeconds(5))) is null)
        {
            if (DateTime.UtcNow > deadline) throw new XunitException($"{ingress}:8888 never answered a client from {allowed}");
            await Task.Delay(100);
        }
        Assert.Equal("sr-0 GET /", answer);

        Assert.Null(await GetFromAsync(other, ingress, 8888, TimeSpan.FromSeconds(3)));
    }

    /// <summary>One GET from a chosen loopback source address; null when the connection hangs (dropped) or is refused.</summary>
    private static async Task<string?> GetFromAsync(string source, string address, int port, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Parse(source), 0));
        try
        {
            await socket.ConnectAsync(IPAddress.Parse(address), port, cts.Token);
            await socket.SendAsync(Encoding.ASCII.GetBytes($"GET / HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"), cts.Token);
            var response = new MemoryStream();
            var buffer = new byte[4096];
            int n;
            while ((n = await socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token)) > 0) response.Write(buffer, 0, n);
            var text = Encoding.UTF8.GetString(response.ToArray());
            var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            return split < 0 ? null : text[(split + 4)..];
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException)
        {
            return null;
        }
    }
}
