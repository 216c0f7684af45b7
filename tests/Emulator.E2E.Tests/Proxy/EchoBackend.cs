using System.Net;
using System.Net.Sockets;

namespace Emulator.E2E.Tests.Proxy;

/// <summary>A long-lived TCP echo on a loopback pod address: what a client keeps a connection open to.</summary>
public sealed class EchoBackend : IAsyncDisposable
{
    private readonly TcpListener listener;
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    public EchoBackend()
    {
        Address = $"127.244.201.{Random.Shared.Next(2, 254)}";
        listener = new TcpListener(IPAddress.Parse(Address), 0);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        loop = AcceptAsync();
    }

    public string Address { get; }

    public int Port { get; }

    private async Task AcceptAsync()
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = EchoAsync(client);
        }
    }

    private async Task EchoAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                await client.GetStream().CopyToAsync(client.GetStream(), stop.Token);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
            {
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        stop.Cancel();
        listener.Stop();
        await loop;
        stop.Dispose();
    }
}
