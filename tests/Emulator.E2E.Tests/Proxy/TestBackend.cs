using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Emulator.E2E.Tests.Proxy;

/// <summary>
/// A stand-in pod: an HTTP/1.1 server on a loopback pod address that answers every request with
/// "<name> <method> <path>" and closes, plus a UDP echo on the same address and port that prefixes its name.
/// </summary>
public sealed class TestBackend : IAsyncDisposable
{
    private readonly TcpListener tcp;
    private readonly UdpClient? udp;
    private readonly CancellationTokenSource stop = new();
    private readonly List<Task> loops = [];

    private TestBackend(string name, IPAddress address, TcpListener tcp, UdpClient? udp)
    {
        Name = name;
        Address = address.ToString();
        this.tcp = tcp;
        this.udp = udp;
        Port = ((IPEndPoint)tcp.LocalEndpoint).Port;
        loops.Add(AcceptLoopAsync());
        if (udp is not null) loops.Add(EchoLoopAsync());
    }

    public string Name { get; }

    public string Address { get; }

    public int Port { get; }

    /// <summary>Starts <paramref name="count"/> backends on distinct 127.244.200.x addresses sharing one port, as an EndpointSlice port requires.</summary>
    public static IReadOnlyList<TestBackend> StartMany(string prefix, int count, bool udp = false)
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = Random.Shared.Next(20000, 29000);
            var firstOctet = Random.Shared.Next(2, 250 - count);
            var started = new List<TestBackend>();
            try
            {
                for (var i = 0; i < count; i++)
                    started.Add(Start($"{prefix}-{i}", IPAddress.Parse($"127.244.200.{firstOctet + i}"), port, udp));
                return started;
            }
            catch (SocketException) when (attempt < 20)
            {
                foreach (var b in started) b.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }
    }

    private static TestBackend Start(string name, IPAddress address, int port, bool withUdp)
    {
        var tcp = new TcpListener(address, port);
        tcp.Start();
        UdpClient? udp = null;
        try
        {
            if (withUdp) udp = new UdpClient(new IPEndPoint(address, port));
        }
        catch
        {
            tcp.Stop();
            throw;
        }
        return new TestBackend(name, address, tcp, udp);
    }

    private async Task AcceptLoopAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await tcp.AcceptTcpClientAsync(stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var head = new StringBuilder();
                var buffer = new byte[4096];
                while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    var n = await stream.ReadAsync(buffer, stop.Token);
                    if (n == 0) return;
                    head.Append(Encoding.ASCII.GetString(buffer, 0, n));
                }
                var requestLine = head.ToString().Split("\r\n")[0].Split(' ');
                var body = Encoding.UTF8.GetBytes($"{Name} {requestLine[0]} {requestLine[1]}");
                var response = $"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Backend: {Name}\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(response), stop.Token);
                await stream.WriteAsync(body, stop.Token);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or SocketException)
            {
            }
        }
    }

    private async Task EchoLoopAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var received = await udp!.ReceiveAsync(stop.Token);
                var reply = Encoding.UTF8.GetBytes($"{Name}:{Encoding.UTF8.GetString(received.Buffer)}");
                await udp.SendAsync(reply, received.RemoteEndPoint, stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        stop.Cancel();
        tcp.Stop();
        udp?.Dispose();
        await Task.WhenAll(loops);
        stop.Dispose();
    }
}
