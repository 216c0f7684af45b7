using System.Net;
using System.Net.Sockets;
using System.Text;
using Emulator.E2E.Tests.Harness;

namespace Emulator.E2E.Tests.Proxy;

/// <summary>
/// The embedded kube-proxy: traffic to a ClusterIP, NodePort or external IP reaches the endpoints of the Service's
/// EndpointSlices, as <c>curl http://$CLUSTER_IP:8888/</c> does on a real cluster.
/// </summary>
[Collection(SharedEmulatorCollection.Name)]
public sealed class ClusterIpProxyTests(EmulatorFixture fixture)
{
    [Fact]
    public async Task A_cluster_ip_forwards_to_the_endpoint_in_the_endpoint_slice()
    {
        var ns = await fixture.CreateNamespaceAsync("proxy-basic");
        await using var backend = Single(TestBackend.StartMany("basic", 1));
        var ip = ProxyManifests.RandomClusterIp();
        await CreateAsync(ns, ProxyManifests.Service("web", ip, 8888), ProxyManifests.Slice("web", [backend]));

        var body = await Probe.AnswerAsync(ip, 8888, "/hello?x=1");

        Assert.Equal("basic-0 GET /hello?x=1", body);
    }

    [Fact]
    public async Task Requests_to_a_cluster_ip_are_spread_over_every_ready_endpoint()
    {
        var ns = await fixture.CreateNamespaceAsync("proxy-spread");
        var backends = TestBackend.StartMany("spread", 3);
        try
        {
            var ip = ProxyManifests.RandomClusterIp();
            await CreateAsync(ns, ProxyManifests.Service("web", ip, 8888), ProxyManifests.Slice("web", backends));
            await Probe.AnswerAsync(ip, 8888);

            var seen = new HashSet<string>();
            for (var i = 0; i < 30; i++) seen.Add(Probe.Backend(await Probe.AnswerAsync(ip, 8888)));

            Assert.Equal(["spread-0", "spread-1", "spread-2"], seen.Order());
        }
        finally
        {
            foreach (var b in backends) await b.DisposeAsync();
        }
    }

    [Fact]
    public async Task Client_ip_session_affinity_sends_every_request_of_a_client_to_one_endpoint()
    {
        var ns = await fixture.CreateNamespaceAsync("proxy-affinity");
        var backends = TestBackend.StartMany("sticky", 3);
        try
        {
            var ip = ProxyManifests.RandomClusterIp();
            await CreateAsync(ns, ProxyManifests.Service("web", ip, 8888, extraSpec: "  sessionAffinity: ClientIP"), ProxyManifests.Slice("web", backends));
            var first = Probe.Backend(await Probe.AnswerAsync(ip, 8888));

            for (var i = 0; i < 20; i++) Assert.Equal(first, Probe.Backend(await Probe.AnswerAsync(ip, 8888)));
        }
        finally
        {
            foreach (var b in backends) await b.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_service_without_endpoints_refuses_connections_and_answers_again_once_an_endpoint_is_back()
    {
        var ns = await fixture.CreateNamespaceAsync("proxy-empty");
        await using var backend = Single(TestBackend.StartMany("back", 1));
        var ip = ProxyManifests.RandomClusterIp();
        await CreateAsync(ns, ProxyManifests.Service("web", ip, 8888), ProxyManifests.Slice("web", []));

        Assert.Equal(Probe.Outcome.Refused, (await Probe.GetAsync(ip, 8888)).Outcome);

        (await fixture.Kubectl.RunAsync(["replace", "-n", ns, "-f", "-"], ProxyManifests.Slice("web", [backend]))).Succeeds();
        Assert.Equal("back-0", Probe.Backend(await Probe.AnswerAsync(ip, 8888)));

        (await fixture.Kubectl.RunAsync(["replace", "-n", ns, "-f", "-"], ProxyManifests.Slice("web", []))).Succeeds();
        await Probe.RefusedAsync(ip, 8888);
    }

    [Fact]
    public async Task Deleting_the_service_closes_its_port()
    {
        var ns = await fixture.CreateNamespaceAsync("proxy-delete");
        await using var backend = Single(TestBackend.StartMany("gone", 1));
        var ip = ProxyManifests.RandomClusterIp();
        await CreateAsync(ns, ProxyManifests.Service("web", ip, 8888), ProxyManifests.Slice("web", [backend]));
        await Probe.AnswerAsync(ip, 8888);

        (await fixture.Kubectl.RunAsync("delete", "service", "web", "-n", ns)).Succeeds();

        await Probe.RefusedAsync(ip, 8888);
    }

    [Fact]
    public async Task An_open_connection_survives_the_endpoint_leaving_the_slice()
    {
        var ns = await fixture.CreateNamespaceAsync("proxy-churn");
        await using var echo = new EchoBackend();
        var ip = ProxyManifests.RandomClusterIp();
        await CreateAsync(ns, ProxyManifests.Service("web", ip, 7000), EchoSlice("web", echo));
        using var client = await ConnectWhenOpenAsync(ip, 7000);
        Assert.Equal("one", await RoundTripAsync(client, "one"));

        (await fixture.Kubectl.RunAsync(["replace", "-n", ns, "-f", "-"], ProxyManifests.Slice("web", []))).Succeeds();
        await Probe.RefusedAsync(ip, 7000);

        Assert.Equal("two", await RoundTripAsync(client, "two"));
    }

    [Fact]
    public async Task A_node_port_answers_on_localhost_and_on_every_node_internal_ip()
    {
        var ns = await fixture.CreateNamespaceAsync("proxy-nodeport");
        await using var backend = Single(TestBackend.StartMany("np", 1));
        var nodePort = ProxyManifests.RandomNodePort();
        await CreateAsync(ns, ProxyManifests.Service("web", ProxyManifests.RandomClusterIp(), 8888, type: "NodePort", nodePort: nodePort),
            ProxyManifests.Slice("web", [backend]));
        var nodeIps = (await fixture.Kubectl.RunAsync("get", "nodes", "-o",
            "jsonpath={range .items[*]}{.status.addresses[?(@.type==\"InternalIP\")].address}{\"\\n\"}{end}")).Succeeds().StdoutLines;

        foreach (var address in nodeIps.Prepend("127.0.0.1"))
            Assert.Equal("np-0", Probe.Backend(await Probe.AnswerAsync(address, nodePort)));
    }

    [Fact]
    public async Task A_load_balancer_service_answers_on_its_ingress_ip()
    {
        var ns = await fixture.CreateNamespaceAsync("proxy-lb");
        await using var backend = Single(TestBackend.StartMany("lb", 1));
        await CreateAsync(ns, ProxyManifests.Service("web", ProxyManifests.RandomClusterIp(), 8888, type: "LoadBalancer"),
            ProxyManifests.Slice("web", [backend]));
        // The load-balancer controller assigns the ingress IP; kubectl wait follows the Service until it appears.
        (await fixture.Kubectl.RunAsync(["wait", "service/web", "-n", ns, "--for=jsonpath={.status.loadBalancer.ingress[0].ip}", "--timeout=30s"],
            stdin: null, timeout: TimeSpan.FromSeconds(40))).Succeeds();
        var ingress = (await fixture.Kubectl.RunAsync("get", "service", "web", "-n", ns, "-o", "jsonpath={.status.loadBalancer.ingress[0].ip}"))
            .Succeeds().Stdout;

        Assert.Equal("lb-0", Probe.Backend(await Probe.AnswerAsync(ingress, 8888)));
    }

    [Fact]
    public async Task A_udp_service_forwards_datagrams_and_relays_the_replies()
    {
        var ns = await fixture.CreateNamespaceAsync("proxy-udp");
        await using var backend = Single(TestBackend.StartMany("udp", 1, udp: true));
        var ip = ProxyManifests.RandomClusterIp();
        await CreateAsync(ns, ProxyManifests.Service("echo", ip, 5353, protocol: "UDP"), ProxyManifests.Slice("echo", [backend], protocol: "UDP"));

        using var client = new UdpClient(AddressFamily.InterNetwork);
        var deadline = DateTime.UtcNow + Deadlines.Event;
        string? reply = null;
        while (reply is null && DateTime.UtcNow < deadline)
        {
            await client.SendAsync(Encoding.UTF8.GetBytes("ping"), new IPEndPoint(IPAddress.Parse(ip), 5353));
            using var wait = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            try
            {
                reply = Encoding.UTF8.GetString((await client.ReceiveAsync(wait.Token)).Buffer);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException)
            {
            }
        }

        Assert.Equal("udp-0:ping", reply);
    }

    private async Task CreateAsync(string ns, params string[] manifests)
    {
        foreach (var manifest in manifests) (await fixture.Kubectl.CreateFromManifestAsync(manifest, "-n", ns)).Succeeds();
    }

    private static TestBackend Single(IReadOnlyList<TestBackend> backends) => Assert.Single(backends);

    private static string EchoSlice(string service, EchoBackend echo) =>
        $"""
         apiVersion: discovery.k8s.io/v1
         kind: EndpointSlice
         metadata:
           name: {service}-manual
           labels:
             kubernetes.io/service-name: {service}
         addressType: IPv4
         ports:
         - name: web
           port: {echo.Port}
         endpoints:
         - addresses: ["{echo.Address}"]
         """;

    private static async Task<Socket> ConnectWhenOpenAsync(string ip, int port)
    {
        var deadline = DateTime.UtcNow + Deadlines.Event;
        while (true)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await socket.ConnectAsync(IPAddress.Parse(ip), port);
                return socket;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                socket.Dispose();
                await Task.Delay(50);
            }
        }
    }

    private static async Task<string> RoundTripAsync(Socket socket, string text)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.SendAsync(Encoding.UTF8.GetBytes(text + "\n"), timeout.Token);
        var buffer = new byte[256];
        var received = new StringBuilder();
        while (!received.ToString().EndsWith('\n'))
        {
            var n = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            if (n == 0) break;
            received.Append(Encoding.UTF8.GetString(buffer, 0, n));
        }
        return received.ToString().TrimEnd('\n');
    }
}
