using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Emulator.Bench;

/// <summary>
/// The backend "pod" of the service-proxy benchmark, in this process on a loopback pod-like address. The first byte
/// a client sends picks the mode: 'D' + 8-byte length = send that many bytes and close (bulk download), 'E' = echo
/// everything until EOF (request/response), 'I' = send this backend's one-byte id and close (which endpoint served).
/// </summary>
internal sealed class ProxyBackend : IAsyncDisposable
{
    private static readonly byte[] Payload = CreatePayload();
    private readonly Socket listener;
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    private ProxyBackend(Socket listener, byte id)
    {
        this.listener = listener;
        Id = id;
        var endpoint = (IPEndPoint)listener.LocalEndPoint!;
        Address = endpoint.Address.ToString();
        Port = endpoint.Port;
        loop = AcceptAsync();
    }

    public byte Id { get; }
    public string Address { get; }
    public int Port { get; }

    /// <summary>Backends on distinct 127.244.25x.y addresses sharing one port, as the endpoints of one slice port.</summary>
    public static List<ProxyBackend> StartMany(int count)
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = Ports.Pick();
            var prefix = $"127.244.{Random.Shared.Next(250, 254)}.";
            var first = Random.Shared.Next(2, 250 - count);
            var started = new List<ProxyBackend>();
            try
            {
                for (var i = 0; i < count; i++)
                {
                    var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                    try
                    {
                        socket.Bind(new IPEndPoint(IPAddress.Parse(prefix + (first + i)), port));
                        socket.Listen(1024);
                    }
                    catch
                    {
                        socket.Dispose();
                        throw;
                    }
                    started.Add(new ProxyBackend(socket, (byte)('A' + i)));
                }
                return started;
            }
            catch (SocketException) when (attempt < 20)
            {
                foreach (var b in started) b.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }
    }

    private async Task AcceptAsync()
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(Socket client)
    {
        using (client)
        {
            client.NoDelay = true;
            var buffer = new byte[64 * 1024];
            try
            {
                if (!await ReadExactlyAsync(client, buffer.AsMemory(0, 1))) return;
                switch (buffer[0])
                {
                    case (byte)'D':
                        if (!await ReadExactlyAsync(client, buffer.AsMemory(0, 8))) return;
                        var left = BinaryPrimitives.ReadInt64LittleEndian(buffer);
                        while (left > 0)
                        {
                            var n = (int)Math.Min(left, Payload.Length);
                            await client.SendAsync(Payload.AsMemory(0, n), SocketFlags.None, stop.Token);
                            left -= n;
                        }
                        client.Shutdown(SocketShutdown.Send);
                        while (await client.ReceiveAsync(buffer, SocketFlags.None, stop.Token) > 0) { }
                        break;
                    case (byte)'E':
                        int read;
                        while ((read = await client.ReceiveAsync(buffer, SocketFlags.None, stop.Token)) > 0)
                            await client.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, stop.Token);
                        break;
                    case (byte)'I':
                        buffer[0] = Id;
                        await client.SendAsync(buffer.AsMemory(0, 1), SocketFlags.None, stop.Token);
                        client.Shutdown(SocketShutdown.Send);
                        break;
                }
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
            {
            }
        }
    }

    private static async Task<bool> ReadExactlyAsync(Socket socket, Memory<byte> into)
    {
        var got = 0;
        while (got < into.Length)
        {
            var n = await socket.ReceiveAsync(into[got..], SocketFlags.None);
            if (n == 0) return false;
            got += n;
        }
        return true;
    }

    private static byte[] CreatePayload()
    {
        var payload = new byte[256 * 1024];
        Random.Shared.NextBytes(payload);
        return payload;
    }

    public async ValueTask DisposeAsync()
    {
        stop.Cancel();
        listener.Dispose();
        await loop;
        stop.Dispose();
    }
}
