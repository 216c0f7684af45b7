using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Emulator.Domain.Protobuf;

/// <summary>
/// JSON for the messages that Kubernetes' JSON does not render as objects (<see cref="SpecialKind"/>).
/// A null result means "omit the field", which is how Go's JSON shows a zero Time or an empty RawExtension.
/// </summary>
internal static class SpecialValues
{
    // time.Time{} (0001-01-01T00:00:00Z); Go marshals it as JSON null.
    private const long GoZeroTimeSeconds = -62135596800;
    private const long MaxSeconds = 253402300799; // 9999-12-31T23:59:59Z, the end of Go's RFC 3339 range

    public static JsonNode? Convert(ProtoMessage message, ReadOnlySpan<byte> data, int depth) => message.Special switch
    {
        SpecialKind.Time => Timestamp(message, data, micro: false),
        SpecialKind.MicroTime => Timestamp(message, data, micro: true),
        SpecialKind.IntOrString => IntOrString(message, data),
        SpecialKind.Quantity => Quantity(message, data),
        SpecialKind.RawJson => RawJson(message, data, depth),
        _ => throw new InvalidOperationException($"protobuf schema: {message.Name} is not a special message"),
    };

    private static JsonNode? Timestamp(ProtoMessage message, ReadOnlySpan<byte> data, bool micro)
    {
        // metav1.Time marshals a zero time as an empty message, and unmarshals an empty message back to zero.
        if (data.IsEmpty)
            return null;

        long seconds = 0;
        long nanos = 0;
        var reader = new ProtoReader(data);
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadTag();
            switch (field)
            {
                case 1:
                    seconds = (long)ReadVarint(ref reader, wire, message, "seconds");
                    break;
                case 2:
                    nanos = (int)ReadVarint(ref reader, wire, message, "nanos");
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        if (seconds is < GoZeroTimeSeconds or > MaxSeconds)
            throw new ProtobufDecodeException($"{message.Name}: seconds {seconds} is outside years 0001-9999");
        if (nanos is < 0 or > 999_999_999)
            throw new ProtobufDecodeException($"{message.Name}: nanos {nanos} is outside 0-999999999");
        if (seconds == GoZeroTimeSeconds && nanos == 0)
            return null;

        var instant = DateTime.UnixEpoch.AddSeconds(seconds);
        // metav1.Time keeps whole seconds (its Unmarshal drops nanos); MicroTime keeps microseconds, truncated
        // like Go's RFC3339Micro layout does.
        return micro
            ? instant.AddTicks(nanos / 100).ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'ffffff'Z'", CultureInfo.InvariantCulture)
            : instant.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture);
    }

    private static JsonNode IntOrString(ProtoMessage message, ReadOnlySpan<byte> data)
    {
        long type = 0;
        var intVal = 0;
        var strVal = "";
        var reader = new ProtoReader(data);
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadTag();
            switch (field)
            {
                case 1:
                    type = (long)ReadVarint(ref reader, wire, message, "type");
                    break;
                case 2:
                    intVal = (int)ReadVarint(ref reader, wire, message, "intVal");
                    break;
                case 3:
                    strVal = ReadString(ref reader, wire, message, "strVal");
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        return type switch
        {
            0 => JsonValue.Create(intVal),
            1 => JsonValue.Create(strVal),
            _ => throw new ProtobufDecodeException($"{message.Name}: unknown type {type} (0 = int, 1 = string)"),
        };
    }

    private static JsonNode Quantity(ProtoMessage message, ReadOnlySpan<byte> data)
    {
        var value = "";
        var reader = new ProtoReader(data);
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadTag();
            if (field == 1)
                value = ReadString(ref reader, wire, message, "string");
            else
                reader.Skip(wire);
        }
        // Go always writes the canonical string ("0" for zero); an empty one fails ParseQuantity on a real server.
        if (value.Length == 0)
            throw new ProtobufDecodeException($"{message.Name}: empty quantity");
        return JsonValue.Create(value);
    }

    private static JsonNode? RawJson(ProtoMessage message, ReadOnlySpan<byte> data, int depth)
    {
        var raw = ReadOnlySpan<byte>.Empty;
        var reader = new ProtoReader(data);
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadTag();
            if (field == 1)
            {
                ProtoDecoder.Expect(wire, ProtoWireType.LengthDelimited, message, "raw");
                raw = reader.ReadLengthDelimited();
            }
            else
            {
                reader.Skip(wire);
            }
        }

        if (raw.IsEmpty)
            return null;
        // A protobuf client fills a RawExtension by encoding the embedded object with the same protobuf codec.
        if (raw.StartsWith(KubeProtobuf.Magic))
            return KubeProtobuf.Decode(raw, depth + 1);
        try
        {
            return JsonNode.Parse(raw);
        }
        catch (JsonException e)
        {
            throw new ProtobufDecodeException($"{message.Name}: raw bytes are neither JSON nor Kubernetes protobuf ({e.Message})");
        }
    }

    private static ulong ReadVarint(ref ProtoReader reader, ProtoWireType wire, ProtoMessage message, string field)
    {
        ProtoDecoder.Expect(wire, ProtoWireType.Varint, message, field);
        return reader.ReadVarint();
    }

    private static string ReadString(ref ProtoReader reader, ProtoWireType wire, ProtoMessage message, string field)
    {
        ProtoDecoder.Expect(wire, ProtoWireType.LengthDelimited, message, field);
        return Encoding.UTF8.GetString(reader.ReadLengthDelimited());
    }
}
