using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Emulator.E2E.Tests.Harness;

namespace Emulator.E2E.Tests.Proxy;

/// <summary>
/// What the relay behind every ClusterIP must keep of a TCP connection, as DNAT does on a real node: every byte in
/// order both ways (including bulk data, which the relay moves differently from small messages), a half-close passed
/// on, a reset passed on, and a refusing endpoint seen by the client as a reset.
/// </summary>
[Collection(SharedEmulatorCollection.Name)]
public sealed class RelayTests(EmulatorFixture fixture)
{
    [Fact]
    public async Task Bulk_data_crosses_a_cluster_ip_intact_both_ways_and_the_clients_fin_reaches_the_backend()
    {
        await using var echo = new EchoBackend();
        var ip = await ServiceToAsync("relay-bulk", echo.Address, echo.Port);
        using var client = await ConnectAsync(ip);
        var payload = RandomNumberGenerator.GetBytes(24 << 20);

        var (received, sawEof) = await ExchangeAsync(client, payload);

        Assert.Equal(payload.Length, received.Length);
        Assert.Equal(SHA256.HashData(payload), SHA256.HashData(received));
        // The echo closes only after it read our FIN: end of stream here means the half-close crossed the proxy.
        Assert.True(sawEof);
    }

    [Fact]
    public async Task Concurrent_connections_each_get_exactly_their_own_bytes_back()
    {
        await using var echo = new EchoBackend();
        var ip = await ServiceToAsync("relay-many", echo.Address, echo.Port);
        var payloads = Enumerable.Range(0, 48).Select(i => RandomNumberGenerator.GetBytes(i % 2 == 0 ? 300_000 : 700)).ToList();

        var results = await Task.WhenAll(payloads.Select(async payload =>
        {
            using var client = await ConnectAsync(ip);
            return (await ExchangeAsync(client, payload)).Received;
        }));

        for (var i = 0; i < payloads.Count; i++) Assert.Equal(SHA256.HashData(payloads[i]), SHA256.HashData(results[i]));
    }

    [Fact]
    public async Task A_backend_that_resets_its_connection_resets_the_client()
    {
        using var backend = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        backend.Bind(new IPEndPoint(IPAddress.Parse($"127.244.202.{Random.Shared.Next(2, 254)}"), 0));
        backend.Listen();
        var endpoint = (IPEndPoint)backend.LocalEndPoint!;
        var resetting = ResetAfterFirstByteAsync(backend);
        var ip = await ServiceToAsync("relay-rst", endpoint.Address.ToString(), endpoint.Port);

        using var client = await ConnectAsync(ip);
        await client.SendAsync("x"u8.ToArray());
        var error = await ReceiveErrorAsync(client);

        Assert.Equal(SocketError.ConnectionReset, error);
        await resetting;
    }

    [Fact]
    public async Task An_endpoint_that_refuses_resets_the_client_instead_of_leaving_it_hanging()
    {
        int deadPort;
        var address = $"127.244.202.{Random.Shared.Next(2, 254)}";
        using (var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            probe.Bind(new IPEndPoint(IPAddress.Parse(address), 0));
            deadPort = ((IPEndPoint)probe.LocalEndPoint!).Port;
        }
        var ns = await fixture.CreateNamespaceAsync("relay-refused");
        var ip = ProxyManifests.RandomClusterIp();
        foreach (var manifest in new[] { ProxyManifests.Service("web", ip, 7000), ProxyManifests.Slice("web", address, deadPort) })
            (await fixture.Kubectl.CreateFromManifestAsync(manifest, "-n", ns)).Succeeds();

        // The listener opens once the slice is programmed; until then connecting is refused by the kernel.
        var deadline = DateTime.UtcNow + Deadlines.Event;
        SocketError error;
        while (true)
        {
            using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await client.ConnectAsync(IPAddress.Parse(ip), 7000);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
                continue;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
            {
                // The reset can beat the end of our own connect on loopback.
                error = e.SocketErrorCode;
                break;
            }
            error = await ReceiveErrorAsync(client);
            break;
        }

        Assert.Equal(SocketError.ConnectionReset, error);
    }

    private async Task<string> ServiceToAsync(string prefix, string address, int port)
    {
        var ns = await fixture.CreateNamespaceAsync(prefix);
        var ip = ProxyManifests.RandomClusterIp();
        foreach (var manifest in new[] { ProxyManifests.Service("web", ip, 7000), ProxyManifests.Slice("web", address, port) })
            (await fixture.Kubectl.CreateFromManifestAsync(manifest, "-n", ns)).Succeeds();
        return ip;
    }

    private static async Task<Socket> ConnectAsync(string ip)
    {
        var deadline = DateTime.UtcNow + Deadlines.Event;
        while (true)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await socket.ConnectAsync(IPAddress.Parse(ip), 7000);
                return socket;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                socket.Dispose();
                await Task.Delay(50);
            }
        }
    }

    /// <summary>Sends <paramref name="payload"/> then FIN while reading everything that comes back, until end of stream.</summary>
    private static async Task<(byte[] Received, bool SawEof)> ExchangeAsync(Socket client, byte[] payload)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var sending = Task.Run(async () =>
        {
            for (var offset = 0; offset < payload.Length;)
                offset += await client.SendAsync(payload.AsMemory(offset, Math.Min(64 * 1024, payload.Length - offset)), SocketFlags.None, timeout.Token);
            client.Shutdown(SocketShutdown.Send);
        });
        using var received = new MemoryStream();
        var buffer = new byte[128 * 1024];
        var sawEof = false;
        while (true)
        {
            var n = await client.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            if (n == 0)
            {
                sawEof = true;
                break;
            }
            received.Write(buffer, 0, n);
        }
        await sending;
        return (received.ToArray(), sawEof);
    }

    private static async Task<SocketError> ReceiveErrorAsync(Socket client)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            var buffer = new byte[16];
            while (await client.ReceiveAsync(buffer, SocketFlags.None, timeout.Token) > 0) { }
            return SocketError.Success;
        }
        catch (SocketException e)
        {
            return e.SocketErrorCode;
        }
    }

    private static async Task ResetAfterFirstByteAsync(Socket listener)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var accepted = await listener.AcceptAsync(timeout.Token);
        await accepted.ReceiveAsync(new byte[1], SocketFlags.None, timeout.Token);
        accepted.LingerState = new LingerOption(true, 0);
    }
}
