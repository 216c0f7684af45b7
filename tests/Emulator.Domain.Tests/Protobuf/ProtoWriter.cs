using Google.Protobuf;

namespace Emulator.Domain.Tests.Protobuf;

/// <summary>
/// Builds protobuf bytes with Google.Protobuf's CodedOutputStream, for bodies no real client run produced
/// (every Pod status field, Leases, EndpointSlices, full DeleteOptions, malformed input).
/// </summary>
internal sealed class ProtoWriter
{
    private readonly MemoryStream _stream = new();
    private readonly CodedOutputStream _output;

    public ProtoWriter() => _output = new CodedOutputStream(_stream, leaveOpen: true);

    /// <summary>A complete request body: "k8s\0" + runtime.Unknown{typeMeta, raw}.</summary>
    public static byte[] Body(string apiVersion, string kind, ProtoWriter raw) =>
        [.. "k8s\0"u8, .. new ProtoWriter()
            .Message(1, t => t.String(1, apiVersion).String(2, kind))
            .Bytes(2, raw.ToArray())
            .ToArray()];

    public static byte[] Body(string apiVersion, string kind, Action<ProtoWriter> raw)
    {
        var writer = new ProtoWriter();
        raw(writer);
        return Body(apiVersion, kind, writer);
    }

    public ProtoWriter String(int field, string value)
    {
        _output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        _output.WriteString(value);
        return this;
    }

    public ProtoWriter Bytes(int field, ReadOnlySpan<byte> value)
    {
        _output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        _output.WriteBytes(ByteString.CopyFrom(value));
        return this;
    }

    public ProtoWriter Varint(int field, long value)
    {
        _output.WriteTag(field, WireFormat.WireType.Varint);
        _output.WriteInt64(value);
        return this;
    }

    /// <summary>As Go writes an int32: negative values sign-extended to a ten-byte varint.</summary>
    public ProtoWriter Int32(int field, int value)
    {
        _output.WriteTag(field, WireFormat.WireType.Varint);
        _output.WriteInt32(value);
        return this;
    }

    public ProtoWriter Bool(int field, bool value)
    {
        _output.WriteTag(field, WireFormat.WireType.Varint);
        _output.WriteBool(value);
        return this;
    }

    public ProtoWriter Fixed32(int field, uint value)
    {
        _output.WriteTag(field, WireFormat.WireType.Fixed32);
        _output.WriteFixed32(value);
        return this;
    }

    public ProtoWriter Fixed64(int field, ulong value)
    {
        _output.WriteTag(field, WireFormat.WireType.Fixed64);
        _output.WriteFixed64(value);
        return this;
    }

    public ProtoWriter Packed(int field, params long[] values)
    {
        var packed = new ProtoWriter();
        foreach (var value in values)
            packed._output.WriteInt64(value);
        return Bytes(field, packed.ToArray());
    }

    public ProtoWriter Message(int field, Action<ProtoWriter> build)
    {
        var nested = new ProtoWriter();
        build(nested);
        return Bytes(field, nested.ToArray());
    }

    public ProtoWriter Entry(int field, string key, string value) =>
        Message(field, e => e.String(1, key).String(2, value));

    public ProtoWriter QuantityEntry(int field, string key, string quantity) =>
        Message(field, e => e.String(1, key).Message(2, q => q.String(1, quantity)));

    public ProtoWriter Time(int field, long seconds, int nanos = 0) =>
        Message(field, t => t.Varint(1, seconds).Int32(2, nanos));

    public ProtoWriter IntOrString(int field, int value) =>
        Message(field, v => v.Varint(1, 0).Int32(2, value).String(3, ""));

    public ProtoWriter IntOrString(int field, string value) =>
        Message(field, v => v.Varint(1, 1).Int32(2, 0).String(3, value));

    /// <summary>Bytes appended verbatim, for hand-made malformed input.</summary>
    public ProtoWriter Raw(params byte[] bytes)
    {
        _output.Flush();
        _stream.Write(bytes);
        return this;
    }

    public byte[] ToArray()
    {
        _output.Flush();
        return _stream.ToArray();
    }
}
