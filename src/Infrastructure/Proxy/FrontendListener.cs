using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Emulator.Infrastructure.Proxy;

/// <summary>
/// What the TCP and UDP frontends share: one socket bound to the frontend address, the binding swapped atomically
/// when the Service or its endpoints change, and a stop signal for their loops.
/// </summary>
public abstract class FrontendListener : IFrontendListener
{
    private volatile FrontendBinding _binding;

    protected FrontendListener(Socket socket, FrontendBinding binding, ILogger logger)
    {
        Socket = socket;
        _binding = binding;
        Logger = logger;
    }

    protected Socket Socket { get; }

    protected ILogger Logger { get; }

    protected CancellationTokenSource Stop { get; } = new();

    public FrontendBinding Binding
    {
        get => _binding;
        set => _binding = value;
    }

    /// <summary>A socket bound to the frontend address; throws <see cref="SocketException"/> when it cannot be bound.</summary>
    internal static Socket Bind(FrontendBinding binding, SocketType type, ProtocolType protocol, Action<Socket> prepare, Action<Socket> start)
    {
        var socket = new Socket(AddressFamily.InterNetwork, type, protocol);
        try
        {
            prepare(socket);
            socket.Bind(new IPEndPoint(IPAddress.Parse(binding.Frontend.Address), binding.Frontend.Port));
            start(socket);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public virtual void Dispose()
    {
        Stop.Cancel();
        Socket.Dispose();
        GC.SuppressFinalize(this);
    }
}
