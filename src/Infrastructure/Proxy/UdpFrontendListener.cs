using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Emulator.Domain.Proxy;
using Microsoft.Extensions.Logging;

namespace Emulator.Infrastructure.Proxy;

/// <summary>
/// A UDP frontend. Like conntrack, each client address:port is a flow pinned to the endpoint chosen for its first
/// datagram; replies come back from the frontend address. Idle flows expire (conntrack's UDP timeout is 30 s) and
/// a flow whose endpoint refuses is forgotten, so the next datagram picks a live endpoint.
/// </summary>
public sealed partial class UdpFrontendListener : IFrontendListener
{
    private static readonly TimeSpan FlowIdle = TimeSpan.FromSeconds(30);
    private readonly Socket _socket;
    private readonly CancellationTokenSource _stop = new();
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<IPEndPoint, Flow> _flows = new();
    private volatile FrontendBinding _binding;

    private sealed class Flow(Socket backend)
    {
        public Socket Backend { get; } = backend;
        public long LastUsed = Environment.TickCount64;
    }

    private UdpFrontendListener(Socket socket, FrontendBinding binding, ILogger logger)
    {
        _socket = socket;
        _binding = binding;
        _logger = logger;
    }

    public FrontendBinding Binding
    {
        get => _binding;
        set => _binding = value;
    }

    public static UdpFrontendListener Open(FrontendBinding binding, ILogger logger)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(new IPEndPoint(IPAddress.Parse(binding.Frontend.Address), binding.Frontend.Port));
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        var listener = new UdpFrontendListener(socket, binding, logger);
        _ = listener.ReceiveLoopAsync();
        _ = listener.ExpireLoopAsync();
        return listener;
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[65536];
        EndPoint any = new IPEndPoint(IPAddress.Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }
            var client = (IPEndPoint)received.RemoteEndPoint;
            try
            {
                if (!_flows.TryGetValue(client, out var flow))
                {
                    if (_binding.Decide(client.Address.ToString()) is not RoutingDecision.Forward forward) continue;
                    var backend = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                    await backend.ConnectAsync(IPAddress.Parse(forward.Endpoint.Address), forward.Endpoint.Port);
                    flow = new Flow(backend);
                    _flows[client] = flow;
                    _ = RepliesAsync(client, flow);
                }
                flow.LastUsed = Environment.TickCount64;
                await flow.Backend.SendAsync(buffer.AsMemory(0, received.ReceivedBytes), SocketFlags.None);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                Forget(client);
                LogDatagramFailed(_logger, _binding.Frontend.ToString(), e.Message);
            }
        }
    }

    private async Task RepliesAsync(IPEndPoint client, Flow flow)
    {
        var buffer = new byte[65536];
        try
        {
            while (true)
            {
                var n = await flow.Backend.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                flow.LastUsed = Environment.TickCount64;
                await _socket.SendToAsync(buffer.AsMemory(0, n), SocketFlags.None, client);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            Forget(client);
        }
    }

    private async Task ExpireLoopAsync()
    {
        try
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
            while (await timer.WaitForNextTickAsync(_stop.Token))
                foreach (var (client, flow) in _flows)
                    if (Environment.TickCount64 - flow.LastUsed > FlowIdle.TotalMilliseconds) Forget(client);
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    private void Forget(IPEndPoint client)
    {
        if (_flows.TryRemove(client, out var flow)) flow.Backend.Dispose();
    }

    public void Dispose()
    {
        _stop.Cancel();
        _socket.Dispose();
        foreach (var client in _flows.Keys) Forget(client);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "proxy {Frontend}: datagram not forwarded: {Error}")]
    private static partial void LogDatagramFailed(ILogger logger, string frontend, string error);
}
