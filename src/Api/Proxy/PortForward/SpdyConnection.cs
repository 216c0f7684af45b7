using System.Buffers.Binary;

namespace Emulator.Api.Proxy.PortForward;

/// <summary>
/// The server side of a SPDY/3.1 connection over any byte stream (a raw upgraded socket or a WebSocket tunnel):
/// reads frames one at a time, and serializes writes from many forwarding tasks behind one lock.
/// </summary>
public sealed class SpdyConnection(Stream transport) : IAsyncDisposable
{
    private const int Version = 3;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly SpdyHeaderCodec _headers = new();

    public SpdyHeaderCodec Headers => _headers;

    /// <summary>The next frame, or null when the peer closed the connection.</summary>
    public async Task<SpdyFrame?> ReadFrameAsync(CancellationToken ct)
    {
        var head = new byte[8];
        if (!await ReadExactlyOrEndAsync(head, ct)) return null;
        var word = BinaryPrimitives.ReadUInt32BigEndian(head);
        var flags = head[4];
        var length = (int)(BinaryPrimitives.ReadUInt32BigEndian(head.AsSpan(4)) & 0x00FF_FFFF);
        var payload = new byte[length];
        if (length > 0 && !await ReadExactlyOrEndAsync(payload, ct)) return null;
        if ((word & 0x8000_0000) == 0) return new SpdyFrame(false, 0, flags, word, payload);
        var type = (ushort)(word & 0xFFFF);
        var streamId = type is SpdyFrame.SynStream or SpdyFrame.SynReply or SpdyFrame.RstStream or SpdyFrame.Headers or SpdyFrame.WindowUpdate
            && payload.Length >= 4 ? BinaryPrimitives.ReadUInt32BigEndian(payload) & 0x7FFF_FFFF : 0;
        return new SpdyFrame(true, type, flags, streamId, payload);
    }

    public Task WriteSynReplyAsync(uint streamId, CancellationToken ct)
    {
        return WriteLockedAsync(() =>
        {
            var block = _headers.Encode([]);
            var payload = new byte[4 + block.Length];
            BinaryPrimitives.WriteUInt32BigEndian(payload, streamId);
            block.CopyTo(payload, 4);
            return Control(SpdyFrame.SynReply, 0, payload);
        }, ct);
    }

    public Task WriteDataAsync(uint streamId, ReadOnlyMemory<byte> data, bool fin, CancellationToken ct) =>
        WriteLockedAsync(() =>
        {
            var frame = new byte[8 + data.Length];
            BinaryPrimitives.WriteUInt32BigEndian(frame, streamId & 0x7FFF_FFFF);
            BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), (uint)((fin ? SpdyFrame.FlagFin : 0) << 24 | data.Length));
            data.Span.CopyTo(frame.AsSpan(8));
            return frame;
        }, ct);

    public Task WriteRstStreamAsync(uint streamId, uint status, CancellationToken ct) =>
        WriteLockedAsync(() =>
        {
            var payload = new byte[8];
            BinaryPrimitives.WriteUInt32BigEndian(payload, streamId);
            BinaryPrimitives.WriteUInt32BigEndian(payload.AsSpan(4), status);
            return Control(SpdyFrame.RstStream, 0, payload);
        }, ct);

    /// <summary>Echoes a PING: the peer's id comes back unchanged.</summary>
    public Task WritePingAsync(byte[] payload, CancellationToken ct) =>
        WriteLockedAsync(() => Control(SpdyFrame.Ping, 0, payload), ct);

    private static byte[] Control(ushort type, byte flags, byte[] payload)
    {
        var frame = new byte[8 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(frame, 0x8000 | Version);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), type);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), (uint)(flags << 24 | payload.Length));
        payload.CopyTo(frame, 8);
        return frame;
    }

    private async Task WriteLockedAsync(Func<byte[]> build, CancellationToken ct)
    {
        await _writeLock.WaitAsync(ct);
        try
        {
            // Built under the lock: header blocks share one zlib stream, so they must go out in compression order.
            await transport.WriteAsync(build(), ct);
            await transport.FlushAsync(ct);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task<bool> ReadExactlyOrEndAsync(byte[] buffer, CancellationToken ct)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await transport.ReadAsync(buffer.AsMemory(read), ct);
            if (n == 0) return false;
            read += n;
        }
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await transport.DisposeAsync();
        _writeLock.Dispose();
    }
}
