using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Emulator.Api.Proxy.PortForward;

/// <summary>
/// The kubelet's side of port-forward (k/k pkg/kubelet/cri/streaming/portforward/httpstream.go): the client opens
/// an error stream and a data stream per local connection, tied by the requestID header and naming the port; the
/// data stream is spliced to podIP:port, and the error stream is closed empty on success or carries the failure.
/// </summary>
public sealed partial class PortForwardSession(SpdyConnection connection, string podName, string podUid, string podIp, ILogger logger)
{
    private const int ChunkSize = 32 * 1024;
    private readonly Dictionary<string, StreamPair> _pairs = [];
    private readonly Dictionary<uint, StreamPair> _byStream = [];
    private readonly List<Task> _forwards = [];

    private sealed class StreamPair(string requestId)
    {
        public string RequestId { get; } = requestId;
        public uint? ErrorStream { get; set; }
        public uint? DataStream { get; set; }
        public int Port { get; set; }
        public bool Started { get; set; }
        public TaskCompletionSource<Socket?> Backend { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public async Task RunAsync(CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        try
        {
            while (await connection.ReadFrameAsync(stop.Token) is { } frame)
            {
                if (frame.Control) { if (!await OnControlAsync(frame, stop.Token)) break; }
                else await OnDataAsync(frame);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or System.Net.WebSockets.WebSocketException)
        {
        }
        catch (Exception e)
        {
            // A frame we cannot understand ends the session, as a protocol error does in spdystream.
            LogSessionFailed(logger, podName, e);
        }
        finally
        {
            stop.Cancel();
            foreach (var pair in _pairs.Values)
            {
                pair.Backend.TrySetResult(null);
                if (pair.Backend.Task.IsCompletedSuccessfully) pair.Backend.Task.Result?.Dispose();
            }
            await Task.WhenAll(_forwards);
        }
    }

    private async Task<bool> OnControlAsync(SpdyFrame frame, CancellationToken ct)
    {
        switch (frame.Type)
        {
            case SpdyFrame.SynStream:
                // streamId(4) associatedId(4) priority(1) slot(1), then the compressed header block.
                var headers = connection.Headers.Decode(frame.Payload.AsSpan(10));
                await connection.WriteSynReplyAsync(frame.StreamId, ct);
                OnNewStream(frame.StreamId, headers, ct);
                return true;
            case SpdyFrame.RstStream:
                if (_byStream.TryGetValue(frame.StreamId, out var reset) && reset.Backend.Task.IsCompletedSuccessfully)
                    reset.Backend.Task.Result?.Dispose();
                return true;
            case SpdyFrame.Ping:
                await connection.WritePingAsync(frame.Payload, ct);
                return true;
            case SpdyFrame.GoAway:
                return false;
            default:
                return true;
        }
    }

    private void OnNewStream(uint streamId, Dictionary<string, string> headers, CancellationToken ct)
    {
        var requestId = headers.GetValueOrDefault("requestid") ?? $"port-{headers.GetValueOrDefault("port")}";
        if (!_pairs.TryGetValue(requestId, out var pair)) _pairs[requestId] = pair = new StreamPair(requestId);
        _byStream[streamId] = pair;
        if (int.TryParse(headers.GetValueOrDefault("port"), NumberStyles.None, CultureInfo.InvariantCulture, out var port)) pair.Port = port;
        switch (headers.GetValueOrDefault("streamtype"))
        {
            case "error": pair.ErrorStream = streamId; break;
            case "data": pair.DataStream = streamId; break;
        }
        if (pair is { ErrorStream: not null, DataStream: not null, Started: false })
        {
            pair.Started = true;
            _forwards.Add(ForwardAsync(pair, ct));
        }
    }

    private async Task OnDataAsync(SpdyFrame frame)
    {
        if (!_byStream.TryGetValue(frame.StreamId, out var pair) || frame.StreamId != pair.DataStream) return;
        var backend = await pair.Backend.Task;
        if (backend is null) return;
        try
        {
            if (frame.Payload.Length > 0) await backend.SendAsync(frame.Payload, SocketFlags.None);
            if (frame.Fin) backend.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task ForwardAsync(StreamPair pair, CancellationToken ct)
    {
        var data = pair.DataStream!.Value;
        var error = pair.ErrorStream!.Value;
        var backend = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await backend.ConnectAsync(IPAddress.Parse(podIp), pair.Port, ct);
        }
        catch (Exception e) when (e is SocketException or FormatException)
        {
            backend.Dispose();
            pair.Backend.TrySetResult(null);
            var message = $"error forwarding port {pair.Port} to pod {podName}, uid {podUid}: failed to connect to {podIp}:{pair.Port}: {e.Message}";
            await SafelyAsync(() => connection.WriteDataAsync(error, Encoding.UTF8.GetBytes(message), true, ct));
            await SafelyAsync(() => connection.WriteDataAsync(data, ReadOnlyMemory<byte>.Empty, true, ct));
            return;
        }
        catch (OperationCanceledException)
        {
            backend.Dispose();
            pair.Backend.TrySetResult(null);
            return;
        }
        pair.Backend.TrySetResult(backend);
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            int n;
            while ((n = await backend.ReceiveAsync(buffer.AsMemory(0, ChunkSize), SocketFlags.None, ct)) > 0)
                await connection.WriteDataAsync(data, buffer.AsMemory(0, n), false, ct);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException or IOException)
        {
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            backend.Dispose();
        }
        await SafelyAsync(() => connection.WriteDataAsync(data, ReadOnlyMemory<byte>.Empty, true, ct));
        await SafelyAsync(() => connection.WriteDataAsync(error, ReadOnlyMemory<byte>.Empty, true, ct));
    }

    private static async Task SafelyAsync(Func<Task> write)
    {
        try
        {
            await write();
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or System.Net.WebSockets.WebSocketException)
        {
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "port-forward to pod {Pod}: session ended on a protocol error")]
    private static partial void LogSessionFailed(ILogger logger, string pod, Exception e);
}
