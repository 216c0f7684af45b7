namespace Emulator.Domain.Protobuf;

/// <summary>
/// Reads protobuf wire format from a span. Our own instead of Google.Protobuf's CodedInputStream because nested
/// messages are then just sub-spans (no stream, no copies), and every failure can be reported as a
/// <see cref="ProtobufDecodeException"/> with a message fit for the client.
/// </summary>
internal ref struct ProtoReader(ReadOnlySpan<byte> data)
{
    /// <summary>What gogo-generated Unmarshal code answers for truncated data (io.ErrUnexpectedEOF).</summary>
    public const string UnexpectedEof = "unexpected EOF";

    private readonly ReadOnlySpan<byte> _data = data;
    private int _position;

    public readonly bool AtEnd => _position >= _data.Length;

    public (int Field, ProtoWireType WireType) ReadTag()
    {
        var tag = ReadVarint();
        var field = tag >> 3;
        if (field == 0 || field > int.MaxValue)
            throw new ProtobufDecodeException($"malformed protobuf: invalid field number {field} at byte {_position}");
        return ((int)field, (ProtoWireType)(tag & 7));
    }

    public ulong ReadVarint()
    {
        ulong result = 0;
        // A varint is at most ten bytes; anything longer is corrupt, not merely big.
        for (var shift = 0; shift < 70; shift += 7)
        {
            if (_position >= _data.Length)
                throw new ProtobufDecodeException(UnexpectedEof);
            var b = _data[_position++];
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
                return result;
        }
        throw new ProtobufDecodeException("proto: integer overflow");
    }

    public ReadOnlySpan<byte> ReadLengthDelimited()
    {
        var length = ReadVarint();
        if (length > (ulong)(_data.Length - _position))
            throw new ProtobufDecodeException(UnexpectedEof);
        var slice = _data.Slice(_position, (int)length);
        _position += (int)length;
        return slice;
    }

    public void Skip(ProtoWireType wireType)
    {
        switch (wireType)
        {
            case ProtoWireType.Varint:
                ReadVarint();
                break;
            case ProtoWireType.LengthDelimited:
                ReadLengthDelimited();
                break;
            case ProtoWireType.Fixed64:
                Advance(8);
                break;
            case ProtoWireType.Fixed32:
                Advance(4);
                break;
            default:
                // Groups are a proto2 feature Kubernetes never emits; skipping them correctly would need
                // nesting bookkeeping for input no real client produces.
                throw new ProtobufDecodeException($"malformed protobuf: unsupported wire type {(int)wireType}");
        }
    }

    private void Advance(int count)
    {
        if (count > _data.Length - _position)
            throw new ProtobufDecodeException(UnexpectedEof);
        _position += count;
    }
}
