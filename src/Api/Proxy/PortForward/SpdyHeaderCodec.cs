using System.Buffers.Binary;
using System.Text;
using ICSharpCode.SharpZipLib.Zip.Compression;

namespace Emulator.Api.Proxy.PortForward;

/// <summary>
/// SPDY/3 header blocks: a 32-bit count, then length-prefixed name/value pairs, compressed with one continuous zlib
/// stream per direction using the preset dictionary, each block ending on a flush (moby/spdystream spdy/read.go and
/// write.go). .NET's ZLibStream cannot take a preset dictionary, so SharpZipLib's Inflater reads the client's blocks.
/// </summary>
public sealed class SpdyHeaderCodec
{
    private readonly Inflater _inflater = new();
    private bool _deflaterStarted;

    public Dictionary<string, string> Decode(ReadOnlySpan<byte> block)
    {
        _inflater.SetInput(block.ToArray());
        var output = new MemoryStream();
        var chunk = new byte[4096];
        while (true)
        {
            var n = _inflater.Inflate(chunk);
            if (n > 0)
            {
                output.Write(chunk, 0, n);
                continue;
            }
            if (_inflater.IsNeedingDictionary)
            {
                _inflater.SetDictionary(SpdyDictionary.Bytes);
                continue;
            }
            break;
        }
        return Parse(output.ToArray());
    }

    public byte[] Encode(IReadOnlyList<(string Name, string Value)> headers)
    {
        var plain = new MemoryStream();
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, headers.Count);
        plain.Write(number);
        foreach (var (name, value) in headers)
        {
            foreach (var text in new[] { name.ToLowerInvariant(), value })
            {
                var bytes = Encoding.UTF8.GetBytes(text);
                BinaryPrimitives.WriteInt32BigEndian(number, bytes.Length);
                plain.Write(number);
                plain.Write(bytes);
            }
        }
        // Outgoing blocks are zlib "stored" (uncompressed) deflate blocks: byte-aligned and never referencing the
        // dictionary (Go's zlib reader accepts a stream without FDICT even when it was given one).
        var data = plain.ToArray();
        var output = new MemoryStream();
        if (!_deflaterStarted)
        {
            output.Write([0x78, 0x01]);
            _deflaterStarted = true;
        }
        for (var offset = 0; offset == 0 || offset < data.Length; offset += ushort.MaxValue)
        {
            var length = Math.Min(ushort.MaxValue, data.Length - offset);
            output.WriteByte(0x00); // BFINAL=0, BTYPE=00 (stored), padded to the byte boundary
            output.Write([(byte)length, (byte)(length >> 8), (byte)~length, (byte)(~length >> 8)]);
            output.Write(data, offset, length);
            if (length == 0) break;
        }
        // Then an empty stored block, the marker zlib's sync flush ends with. Go's inflater hands out a stored
        // block's bytes only when the next block starts, so without it kubectl would read past the frame.
        output.Write([0x00, 0x00, 0x00, 0xFF, 0xFF]);
        return output.ToArray();
    }

    private static Dictionary<string, string> Parse(byte[] block)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (block.Length < 4) return headers;
        var count = BinaryPrimitives.ReadInt32BigEndian(block);
        var offset = 4;
        for (var i = 0; i < count && offset + 4 <= block.Length; i++)
        {
            var name = ReadString(block, ref offset);
            var value = ReadString(block, ref offset);
            headers[name] = value;
        }
        return headers;
    }

    private static string ReadString(byte[] block, ref int offset)
    {
        var length = BinaryPrimitives.ReadInt32BigEndian(block.AsSpan(offset));
        offset += 4;
        if (length < 0 || offset + length > block.Length) throw new InvalidDataException("SPDY header block is truncated");
        var text = Encoding.UTF8.GetString(block, offset, length);
        offset += length;
        return text;
    }
}
