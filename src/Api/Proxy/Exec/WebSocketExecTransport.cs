using System.Net.WebSockets;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Emulator.Api.Proxy.Exec;

/// <summary>
/// The WebSocket remotecommand protocol (client-go tools/remotecommand/websocket.go, kubelet's
/// cri/streaming/remotecommand/websocket.go): every binary message starts with its channel byte. v5.channel.k8s.io
/// adds message <c>[255, channel]</c>, which closes one stream: kubectl sends <c>[255, 0]</c> at the end of its stdin.
/// The server ends with the status on channel 3 and a normal close, which gives every client reader its EOF.
/// </summary>
public sealed class WebSocketExecTransport(WebSocket socket) : IExecTransport
{
    private const byte CloseStream = 255;
    private readonly Channel<byte[]> _stdin = Channel.CreateUnbounded<byte[]>();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private Task _reader = Task.CompletedTask;

    public ChannelReader<byte[]> Stdin => _stdin.Reader;

    public Task StartAsync(CancellationToken ct)
    {
        _reader = ReadAsync(ct);
        return Task.CompletedTask;
    }

    private async Task ReadAsync(CancellationToken ct)
    {
        var buffer = new byte[64 * 1024];
        var message = new MemoryStream();
        try
        {
            while (socket.State is WebSocketState.Open or WebSocketState.CloseSent)
            {
                var result = await socket.ReceiveAsync(buffer, ct);
                if (result.MessageType == WebSocketMessageType.Close) break;
                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage) continue;
                var bytes = message.ToArray();
                message.SetLength(0);
                if (bytes.Length == 0) continue;
                if (bytes[0] == (byte)ExecChannel.Stdin) _stdin.Writer.TryWrite(bytes[1..]);
                else if (bytes[0] == CloseStream && bytes.Length > 1 && bytes[1] == (byte)ExecChannel.Stdin) _stdin.Writer.TryComplete();
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
        }
        finally
        {
            _stdin.Writer.TryComplete();
        }
    }

    public async Task WriteAsync(ExecChannel channel, ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        var frame = new byte[data.Length + 1];
        frame[0] = (byte)channel;
        data.Span.CopyTo(frame.AsSpan(1));
        await _writeLock.WaitAsync(ct);
        try
        {
            await socket.SendAsync(frame, WebSocketMessageType.Binary, true, ct);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async Task FinishAsync(JsonObject status, CancellationToken ct)
    {
        await WriteAsync(ExecChannel.Error, System.Text.Encoding.UTF8.GetBytes(status.ToJsonString()), ct);
        await _writeLock.WaitAsync(ct);
        try
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", ct);
        }
        finally
        {
            _writeLock.Release();
        }
        // The client answers the close; the reader sees it and ends. A client that never answers is not waited for.
        await Task.WhenAny(_reader, Task.Delay(TimeSpan.FromSeconds(5), CancellationToken.None));
    }

    public ValueTask DisposeAsync()
    {
        socket.Dispose();
        _writeLock.Dispose();
        return ValueTask.CompletedTask;
    }
}
