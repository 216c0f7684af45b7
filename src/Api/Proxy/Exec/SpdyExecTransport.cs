using System.Text.Json.Nodes;
using System.Threading.Channels;
using Emulator.Api.Proxy.PortForward;
using Emulator.Domain.Errors;

namespace Emulator.Api.Proxy.Exec;

/// <summary>
/// The SPDY/3.1 remotecommand protocol (kubelet cri/streaming/remotecommand/httpstream.go, v4): the client opens one
/// stream per channel, named by its <c>streamType</c> header (error, stdin, stdout, stderr, resize), and the server
/// waits until every stream the request asked for exists. stdin ends with the client's FIN on its stream; the server
/// ends stdout and stderr with a FIN, then writes the status on the error stream and closes it.
/// </summary>
public sealed class SpdyExecTransport(SpdyConnection connection, ExecRequest request) : IExecTransport
{
    private static readonly TimeSpan StreamCreationTimeout = TimeSpan.FromSeconds(30);
    private readonly Channel<byte[]> _stdin = Channel.CreateUnbounded<byte[]>();
    private readonly Dictionary<string, uint> _streams = [];
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _reader = Task.CompletedTask;

    public ChannelReader<byte[]> Stdin => _stdin.Reader;

    private IEnumerable<string> Expected()
    {
        yield return "error";
        if (request.Stdin) yield return "stdin";
        if (request.Stdout) yield return "stdout";
        if (request.Stderr && !request.Tty) yield return "stderr";
        if (request.Tty) yield return "resize";
    }

    public async Task StartAsync(CancellationToken ct)
    {
        _reader = ReadAsync(ct);
        var finished = await Task.WhenAny(_ready.Task, Task.Delay(StreamCreationTimeout, ct));
        if (finished != _ready.Task) throw StatusException.BadRequest("timed out waiting for client to create streams");
    }

    private async Task ReadAsync(CancellationToken ct)
    {
        try
        {
            while (await connection.ReadFrameAsync(ct) is { } frame)
            {
                if (!frame.Control)
                {
                    if (!_streams.TryGetValue("stdin", out var stdin) || frame.StreamId != stdin) continue;
                    if (frame.Payload.Length > 0) _stdin.Writer.TryWrite(frame.Payload);
                    if (frame.Fin) _stdin.Writer.TryComplete();
                    continue;
                }
                switch (frame.Type)
                {
                    case SpdyFrame.SynStream:
                        var headers = connection.Headers.Decode(frame.Payload.AsSpan(10));
                        await connection.WriteSynReplyAsync(frame.StreamId, ct);
                        var type = headers.GetValueOrDefault("streamtype") ?? "";
                        _streams[type] = frame.StreamId;
                        if (Expected().All(_streams.ContainsKey)) _ready.TrySetResult();
                        if (type == "stdin" && (frame.Flags & SpdyFrame.FlagFin) != 0) _stdin.Writer.TryComplete();
                        break;
                    case SpdyFrame.RstStream when _streams.TryGetValue("stdin", out var reset) && reset == frame.StreamId:
                        _stdin.Writer.TryComplete();
                        break;
                    case SpdyFrame.Ping:
                        await connection.WritePingAsync(frame.Payload, ct);
                        break;
                    case SpdyFrame.GoAway:
                        return;
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or InvalidDataException
                                       or System.Net.WebSockets.WebSocketException)
        {
        }
        finally
        {
            _stdin.Writer.TryComplete();
        }
    }

    public Task WriteAsync(ExecChannel channel, ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        var name = channel switch { ExecChannel.Stdout => "stdout", ExecChannel.Stderr => "stderr", _ => "error" };
        return _streams.TryGetValue(name, out var id) ? connection.WriteDataAsync(id, data, false, ct) : Task.CompletedTask;
    }

    public async Task FinishAsync(JsonObject status, CancellationToken ct)
    {
        foreach (var name in new[] { "stdout", "stderr" })
            if (_streams.TryGetValue(name, out var id)) await connection.WriteDataAsync(id, ReadOnlyMemory<byte>.Empty, true, ct);
        if (_streams.TryGetValue("error", out var error))
            await connection.WriteDataAsync(error, System.Text.Encoding.UTF8.GetBytes(status.ToJsonString()), true, ct);
        // The client closes the connection once it read every stream to its end.
        await Task.WhenAny(_reader, Task.Delay(TimeSpan.FromSeconds(5), CancellationToken.None));
    }

    public async ValueTask DisposeAsync() => await connection.DisposeAsync();
}
