using System.Net;
using System.Net.Sockets;
using Emulator.Domain.Proxy;
using Microsoft.Extensions.Logging;

namespace Emulator.Infrastructure.Proxy.EventLoop;

/// <summary>
/// A TCP frontend served by a <see cref="RelayLoop"/>: the listening socket is bound the usual way (so bind errors
/// surface as <see cref="SocketException"/> for the Warning Event), then its descriptor is accepted from on the loop
/// thread and each connection relayed there. Routing uses the binding current at accept time, as
/// <see cref="TcpFrontendListener"/> does.
/// </summary>
internal sealed unsafe partial class LoopTcpListener : IFrontendListener, ILoopHandler
{
    private const int MaxAcceptsPerEvent = 64;

    private readonly Socket _socket;
    private readonly int _fd;
    private readonly RelayLoop _loop;
    private readonly ILogger _logger;
    private volatile FrontendBinding _binding;
    private ulong _token;
    private readonly Action _resume;
    // Held while accepting and while closing, so an event fetched just before Dispose never accepts on a descriptor
    // that was closed (and maybe reused) meanwhile. Dispose must not wait for the loop: the next frontend of the same
    // Service is closed right after, and clients probing it must find it refusing.
    private readonly Lock _gate = new();
    private bool _paused;
    private bool _closed;

    private LoopTcpListener(Socket socket, FrontendBinding binding, RelayLoop loop, ILogger logger)
    {
        _socket = socket;
        _fd = (int)socket.Handle;
        _binding = binding;
        _loop = loop;
        _logger = logger;
        _resume = Resume;
    }

    public FrontendBinding Binding
    {
        get => _binding;
        set => _binding = value;
    }

    /// <summary>Binds and starts accepting; throws <see cref="SocketException"/> when the address cannot be bound.</summary>
    public static LoopTcpListener Open(FrontendBinding binding, ILogger logger)
    {
        var socket = FrontendListener.Bind(binding, SocketType.Stream, ProtocolType.Tcp,
            s => s.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true),
            s =>
            {
                s.Listen(1024);
                s.Blocking = false;
            });
        var loop = RelayLoops.Next();
        var listener = new LoopTcpListener(socket, binding, loop, logger);
        listener._token = loop.RegisterFromAnyThread(listener._fd, Libc.EpollIn, listener);
        if (listener._token == 0)
        {
            socket.Dispose();
            throw new SocketException((int)SocketError.SocketError);
        }
        loop.OnTick(listener._resume);
        return listener;
    }

    public void OnEvents(uint events)
    {
        lock (_gate)
        {
            if (!_closed) Accept();
        }
    }

    private void Accept()
    {
        for (var i = 0; i < MaxAcceptsPerEvent; i++)
        {
            Libc.SockAddrIn peer;
            var length = sizeof(Libc.SockAddrIn);
            var fd = Libc.accept4(_fd, &peer, &length, Libc.SockNonBlock | Libc.SockCloExec);
            if (fd < 0)
            {
                var errno = Libc.Errno;
                if (errno is Libc.EAgain or Libc.EIntr or Libc.EConnAborted) return;
                // Out of descriptors or similar: stop accepting until the next tick instead of spinning on a listener
                // that stays readable.
                LogAcceptFailed(_logger, _binding.Frontend.ToString(), errno);
                _paused = true;
                _loop.Modify(_fd, _token, 0);
                return;
            }
            Route(fd, peer.Address);
        }
    }

    private void Route(int fd, uint peerAddress)
    {
        RoutingDecision decision;
        try
        {
            decision = _binding.Decide(FormatIPv4(peerAddress));
        }
        catch (Exception e)
        {
            LogRouteFailed(_logger, _binding.Frontend.ToString(), e);
            Libc.Reset(fd);
            return;
        }
        switch (decision)
        {
            case RoutingDecision.Forward { Endpoint: var endpoint } when TryParseIPv4(endpoint.Address, out var address):
                RelayConnection.Start(_loop, fd, address, (ushort)IPAddress.HostToNetworkOrder((short)endpoint.Port));
                break;
            case RoutingDecision.Forward forward:
                _ = TcpRelay.RunAsync(Adopt(fd), forward.Endpoint);
                break;
            case RoutingDecision.Drop:
                _ = TcpFrontendListener.HoldAsync(Adopt(fd));
                break;
            default:
                Libc.Reset(fd);
                break;
        }
    }

    /// <summary>Hands a descriptor to a managed <see cref="Socket"/> for the rare paths the loop does not serve.</summary>
    private static Socket Adopt(int fd) => new(new SafeSocketHandle(fd, ownsHandle: true));

    private void Resume()
    {
        lock (_gate)
        {
            if (!_paused || _closed) return;
            _paused = false;
            _loop.Modify(_fd, _token, Libc.EpollIn);
        }
    }

    public void Abort()
    {
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_closed) return;
            _closed = true;
            _loop.UnregisterFromAnyThread(_fd, _token);
            _loop.RemoveTick(_resume);
            _socket.Dispose();
        }
    }

    private static string FormatIPv4(uint networkOrder)
    {
        var b = BitConverter.IsLittleEndian ? networkOrder : System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(networkOrder);
        return $"{b & 0xff}.{(b >> 8) & 0xff}.{(b >> 16) & 0xff}.{b >> 24}";
    }

    /// <summary>Dotted IPv4 to the address in network order, without allocating.</summary>
    private static bool TryParseIPv4(string text, out uint networkOrder)
    {
        networkOrder = 0;
        uint octet = 0;
        int digits = 0, shift = 0;
        foreach (var c in text)
        {
            if (c == '.')
            {
                if (digits == 0 || shift == 24) return false;
                networkOrder |= octet << shift;
                shift += 8;
                octet = 0;
                digits = 0;
                continue;
            }
            if (c is < '0' or > '9' || ++digits > 3) return false;
            octet = octet * 10 + (uint)(c - '0');
            if (octet > 255) return false;
        }
        if (digits == 0 || shift != 24) return false;
        networkOrder |= octet << 24;
        if (!BitConverter.IsLittleEndian) networkOrder = System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(networkOrder);
        return true;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "proxy {Frontend}: accept failed with errno {Errno}; pausing the listener briefly")]
    private static partial void LogAcceptFailed(ILogger logger, string frontend, int errno);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "proxy {Frontend}: routing a connection failed")]
    private static partial void LogRouteFailed(ILogger logger, string frontend, Exception e);
}
