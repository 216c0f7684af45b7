using System.Net;
using System.Net.Sockets;
using Emulator.Domain.Proxy;
using Microsoft.Extensions.Logging;

namespace Emulator.Infrastructure.Proxy;

/// <summary>
/// A TCP listener on one frontend (ClusterIP:port, NodePort, external IP:port). Each accepted connection is routed
/// by the binding current at accept time, so endpoint changes apply to the next connection while open ones go on.
/// </summary>
public sealed partial class TcpFrontendListener : FrontendListener
{
    // How long a dropped connection (Local policy, no local endpoint) is held before closing: the client sees a hang,
    // as with the real DROP rule, without the proxy keeping sockets forever.
    private static readonly TimeSpan DropHold = TimeSpan.FromMinutes(2);

    private TcpFrontendListener(Socket listener, FrontendBinding binding, ILogger logger) : base(listener, binding, logger)
    {
    }

    /// <summary>Binds and starts accepting; throws <see cref="SocketException"/> when the address cannot be bound.</summary>
    public static IFrontendListener Open(FrontendBinding binding, ILogger logger)
    {
        if (EventLoop.RelayLoops.IsSupported) return EventLoop.LoopTcpListener.Open(binding, logger);
        return OpenManaged(binding, logger);
    }

    private static TcpFrontendListener OpenManaged(FrontendBinding binding, ILogger logger)
    {
        var socket = Bind(binding, SocketType.Stream, ProtocolType.Tcp,
            s => s.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true), s => s.Listen(1024));
        var listener = new TcpFrontendListener(socket, binding, logger);
        _ = listener.AcceptLoopAsync();
        return listener;
    }

    private async Task AcceptLoopAsync()
    {
        while (!Stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await Socket.AcceptAsync(Stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e)
            {
                LogAcceptFailed(Logger, Binding.Frontend.ToString(), e.Message);
                continue;
            }
            _ = HandleAsync(client);
        }
    }

    private async Task HandleAsync(Socket client)
    {
        try
        {
            var clientIp = (client.RemoteEndPoint as IPEndPoint)?.Address.MapToIPv4().ToString() ?? "";
            switch (Binding.Decide(clientIp))
            {
                case RoutingDecision.Forward forward:
                    await TcpRelay.RunAsync(client, forward.Endpoint);
                    break;
                case RoutingDecision.Drop:
                    await HoldAsync(client);
                    break;
                default:
                    TcpRelay.Reset(client);
                    break;
            }
        }
        catch (Exception e)
        {
            LogConnectionFailed(Logger, Binding.Frontend.ToString(), e);
            client.Dispose();
        }
    }

    internal static async Task HoldAsync(Socket client)
    {
        using var timeout = new CancellationTokenSource(DropHold);
        var sink = new byte[4096];
        try
        {
            while (await client.ReceiveAsync(sink, SocketFlags.None, timeout.Token) > 0) { }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException)
        {
        }
        TcpRelay.Reset(client);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "proxy {Frontend}: accept failed: {Error}")]
    private static partial void LogAcceptFailed(ILogger logger, string frontend, string error);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "proxy {Frontend}: connection failed")]
    private static partial void LogConnectionFailed(ILogger logger, string frontend, Exception e);
}
