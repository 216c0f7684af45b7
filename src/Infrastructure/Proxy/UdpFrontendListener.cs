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
public sealed partial class UdpFrontendListener : FrontendListener
{
    private static readonly TimeSpan FlowIdle = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<IPEndPoint, Flow> _flows = new();

    private sealed class Flow(Socket backend)
    {
        public Socket Backend { get; } = backend;
        public long LastUsed = Environment.TickCount64;
    }

    private UdpFrontendListener(Socket socket, FrontendBinding binding, ILogger logger) : base(socket, binding, logger)
    {
    }

    public static UdpFrontendListener Open(FrontendBinding binding, ILogger logger)
    {
        var socket = Bind(binding, SocketType.Dgram, ProtocolType.Udp, _ => { }, _ => { });
        var listener = new UdpFrontendListener(socket, binding, logger);
        _ = listener.ReceiveLoopAsync();
        _ = listener.ExpireLoopAsync();
        return listener;
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[65536];
        EndPoint any = new IPEndPoint(IPAddress.Any, 0);
        while (!Stop.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await Socket.ReceiveFromAsync(buffer, SocketFlags.None, any, Stop.Token);
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
                    if (Binding.Decide(client.Address.ToString()) is not RoutingDecision.Forward forward) continue;
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
                LogDatagramFailed(Logger, Binding.Frontend.ToString(), e.Message);
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
                var n = await flow.Backend.ReceiveAsync(buffer, SocketFlags.None, Stop.Token);
                flow.LastUsed = Environment.TickCount64;
                await Socket.SendToAsync(buffer.AsMemory(0, n), SocketFlags.None, client);
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
            while (await timer.WaitForNextTickAsync(Stop.Token))
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

    public override void Dispose()
    {
        base.Dispose();
        foreach (var client in _flows.Keys) Forget(client);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "proxy {Frontend}: datagram not forwarded: {Error}")]
    private static partial void LogDatagramFailed(ILogger logger, string frontend, string error);
}
