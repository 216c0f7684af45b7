using System.Net;
using System.Net.Sockets;

namespace Emulator.Infrastructure.Kubelet.Emulations;

/// <summary>A UDP socket on the pod IP answering each datagram with what the handler returns (null: no answer).</summary>
public sealed class UdpResponder : IAsyncDisposable
{
    private readonly UdpClient _socket;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private UdpResponder(UdpClient socket, Func<byte[], IPEndPoint, byte[]?> handler)
    {
        _socket = socket;
        _loop = LoopAsync(handler);
    }

    public static UdpResponder Start(string ip, int port, Func<byte[], IPEndPoint, byte[]?> handler) =>
        new(new UdpClient(new IPEndPoint(IPAddress.Parse(ip), port)), handler);

    private async Task LoopAsync(Func<byte[], IPEndPoint, byte[]?> handler)
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var received = await _socket.ReceiveAsync(_stop.Token);
                if (handler(received.Buffer, received.RemoteEndPoint) is { } reply) await _socket.SendAsync(reply, received.RemoteEndPoint, _stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                // An ICMP port-unreachable from an earlier answer surfaces here on Linux: keep serving.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Dispose();
        try
        {
            await _loop;
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
        }
        _stop.Dispose();
    }
}

/// <summary>A raw TCP listener that writes the handler's bytes to each connection and closes it.</summary>
public sealed class TcpGreeter : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private TcpGreeter(TcpListener listener, Func<IPEndPoint, byte[]> greeting)
    {
        _listener = listener;
        _loop = LoopAsync(greeting);
    }

    public static TcpGreeter Start(string ip, int port, Func<IPEndPoint, byte[]> greeting)
    {
        var listener = new TcpListener(IPAddress.Parse(ip), port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start(128);
        return new TcpGreeter(listener, greeting);
    }

    private async Task LoopAsync(Func<IPEndPoint, byte[]> greeting)
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                await client.GetStream().WriteAsync(greeting((IPEndPoint)client.Client.RemoteEndPoint!), _stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (Exception e) when (e is SocketException or IOException)
            {
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
        }
        _stop.Dispose();
    }
}

/// <summary>Several listeners of one process, stopped together.</summary>
public sealed class ProcessHandles(params IAsyncDisposable[] handles) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        foreach (var h in handles) await h.DisposeAsync();
    }
}
