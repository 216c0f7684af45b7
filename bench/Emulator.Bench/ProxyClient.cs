using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Emulator.Bench;

/// <summary>What a client of the proxy benchmark does against one address:port (direct, ClusterIP or HAProxy alike).</summary>
internal static class ProxyClient
{
    public const int MessageBytes = 64;

    /// <summary>One connection downloading <paramref name="bytes"/> bytes; MB/s (10^6 bytes per second), connect included.</summary>
    public static async Task<double> DownloadAsync(string address, int port, long bytes)
    {
        var t0 = Stopwatch.GetTimestamp();
        using var socket = await ConnectAsync(address, port);
        var request = new byte[9];
        request[0] = (byte)'D';
        BinaryPrimitives.WriteInt64LittleEndian(request.AsSpan(1), bytes);
        await socket.SendAsync(request, SocketFlags.None);
        var buffer = new byte[256 * 1024];
        long got = 0;
        int n;
        while ((n = await socket.ReceiveAsync(buffer, SocketFlags.None)) > 0) got += n;
        var seconds = Stats.Ms(t0, Stopwatch.GetTimestamp()) / 1000;
        if (got != bytes) throw new InvalidOperationException($"download from {address}:{port} got {got} of {bytes} bytes");
        return bytes / seconds / 1e6;
    }

    /// <summary>What curl does: a new connection, one request, the answer, close. Returns ms.</summary>
    public static async Task<double> RequestOnNewConnectionAsync(string address, int port, byte[] buffer)
    {
        var t0 = Stopwatch.GetTimestamp();
        using (var socket = await ConnectAsync(address, port))
        {
            buffer[0] = (byte)'E';
            await socket.SendAsync(buffer.AsMemory(0, MessageBytes), SocketFlags.None);
            await ReceiveExactlyAsync(socket, buffer.AsMemory(0, MessageBytes - 1));
        }
        return Stats.Ms(t0, Stopwatch.GetTimestamp());
    }

    /// <summary>A kept-alive echo connection: round trips of <see cref="MessageBytes"/> bytes, ms each.</summary>
    public sealed class KeptAlive : IDisposable
    {
        private readonly Socket socket;
        private readonly byte[] buffer = new byte[MessageBytes];

        private KeptAlive(Socket socket) => this.socket = socket;

        public static async Task<KeptAlive> OpenAsync(string address, int port)
        {
            var socket = await ConnectAsync(address, port);
            await socket.SendAsync(new[] { (byte)'E' }, SocketFlags.None);
            return new KeptAlive(socket);
        }

        public async Task<double> RoundTripAsync()
        {
            var t0 = Stopwatch.GetTimestamp();
            await socket.SendAsync(buffer, SocketFlags.None);
            await ReceiveExactlyAsync(socket, buffer);
            return Stats.Ms(t0, Stopwatch.GetTimestamp());
        }

        public void Dispose() => socket.Dispose();
    }

    /// <summary>Which backend a new connection reaches: its id, or null when the connection is refused or reset.</summary>
    public static async Task<byte?> IdentifyAsync(string address, int port)
    {
        try
        {
            using var socket = await ConnectAsync(address, port);
            await socket.SendAsync(new[] { (byte)'I' }, SocketFlags.None);
            var one = new byte[1];
            return await socket.ReceiveAsync(one, SocketFlags.None) == 1 ? one[0] : null;
        }
        catch (SocketException)
        {
            return null;
        }
    }

    private static async Task<Socket> ConnectAsync(string address, int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await socket.ConnectAsync(IPAddress.Parse(address), port, timeout.Token);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static async Task ReceiveExactlyAsync(Socket socket, Memory<byte> into)
    {
        var got = 0;
        while (got < into.Length)
        {
            var n = await socket.ReceiveAsync(into[got..], SocketFlags.None);
            if (n == 0) throw new InvalidOperationException("connection closed before the answer was complete");
            got += n;
        }
    }
}
