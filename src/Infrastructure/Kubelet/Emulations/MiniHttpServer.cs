using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Emulator.Infrastructure.Kubelet.Emulations;

/// <summary>
/// A small HTTP/1.1 server on one pod IP and port: enough for curl, HttpClient, the proxy and probes (keep-alive,
/// Content-Length bodies, HEAD). Far lighter than a Kestrel host per pod when a deployment has a hundred replicas.
/// </summary>
public sealed class MiniHttpServer : IAsyncDisposable
{
    private const int MaxHeaderBytes = 64 * 1024;
    private readonly TcpListener _listener;
    private readonly Func<HttpRequestInfo, HttpReply> _handler;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    private MiniHttpServer(TcpListener listener, Func<HttpRequestInfo, HttpReply> handler)
    {
        _listener = listener;
        _handler = handler;
        _accepting = AcceptAsync();
    }

    /// <summary>Binds at once, so a refused port (in use, privileged) surfaces as a SocketException to the caller.</summary>
    public static MiniHttpServer Start(string ip, int port, Func<HttpRequestInfo, HttpReply> handler)
    {
        var listener = new TcpListener(IPAddress.Parse(ip), port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start(512);
        return new MiniHttpServer(listener, handler);
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
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
                client.NoDelay = true;
                var stream = client.GetStream();
                var remote = (IPEndPoint)client.Client.RemoteEndPoint!;
                var buffer = new List<byte>();
                while (!_stop.IsCancellationRequested)
                {
                    var request = await ReadRequestAsync(stream, buffer, remote);
                    if (request is null) return;
                    var reply = _handler(request);
                    var close = WantsClose(request);
                    await WriteReplyAsync(stream, request, reply, close);
                    if (close) return;
                }
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
            }
        }
    }

    private static bool WantsClose(HttpRequestInfo request)
    {
        var connection = request.Header("connection")?.ToLowerInvariant();
        return request.Version == "HTTP/1.0" ? connection != "keep-alive" : connection == "close";
    }

    private async Task<HttpRequestInfo?> ReadRequestAsync(NetworkStream stream, List<byte> buffer, IPEndPoint remote)
    {
        var chunk = new byte[8192];
        int end;
        while ((end = HeaderEnd(buffer)) < 0)
        {
            if (buffer.Count > MaxHeaderBytes) return null;
            var n = await stream.ReadAsync(chunk, _stop.Token);
            if (n == 0) return null;
            buffer.AddRange(chunk.AsSpan(0, n));
        }
        var head = Encoding.Latin1.GetString([.. buffer.GetRange(0, end)]);
        buffer.RemoveRange(0, end + 4);
        var lines = head.Split("\r\n");
        var parts = lines[0].Split(' ');
        if (parts.Length != 3) return null;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            if (colon > 0) headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        var length = headers.TryGetValue("content-length", out var cl) && int.TryParse(cl, NumberStyles.None, CultureInfo.InvariantCulture, out var l) ? l : 0;
        while (buffer.Count < length)
        {
            var n = await stream.ReadAsync(chunk, _stop.Token);
            if (n == 0) return null;
            buffer.AddRange(chunk.AsSpan(0, n));
        }
        var body = buffer.GetRange(0, length).ToArray();
        buffer.RemoveRange(0, length);
        return new HttpRequestInfo(parts[0], parts[1], parts[2], headers, body, remote.Address.ToString(), remote.Port);
    }

    private static int HeaderEnd(List<byte> buffer)
    {
        for (var i = 0; i + 3 < buffer.Count; i++)
            if (buffer[i] == '\r' && buffer[i + 1] == '\n' && buffer[i + 2] == '\r' && buffer[i + 3] == '\n') return i;
        return -1;
    }

    private static async Task WriteReplyAsync(NetworkStream stream, HttpRequestInfo request, HttpReply reply, bool close)
    {
        var head = new StringBuilder();
        head.Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {reply.Status} {Reason(reply.Status)}\r\n");
        foreach (var (name, value) in reply.Headers ?? []) head.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        head.Append(CultureInfo.InvariantCulture, $"Date: {DateTime.UtcNow.ToString("R", CultureInfo.InvariantCulture)}\r\n");
        head.Append(CultureInfo.InvariantCulture, $"Content-Length: {reply.Body.Length}\r\n");
        head.Append(CultureInfo.InvariantCulture, $"Content-Type: {reply.ContentType}\r\n");
        if (close) head.Append("Connection: close\r\n");
        head.Append("\r\n");
        await stream.WriteAsync(Encoding.Latin1.GetBytes(head.ToString()));
        if (request.Method != "HEAD") await stream.WriteAsync(reply.Body);
        await stream.FlushAsync();
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK", 301 => "Moved Permanently", 304 => "Not Modified", 400 => "Bad Request", 404 => "Not Found",
        405 => "Method Not Allowed", 500 => "Internal Server Error", 503 => "Service Unavailable", _ => "Status",
    };

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
        _stop.Dispose();
    }
}
