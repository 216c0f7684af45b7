using System.Text;
using System.Text.Json.Nodes;

namespace Emulator.Domain.Protobuf;

/// <summary>
/// Turns protobuf bytes into the JSON object the same Go client would have sent as application/json, driven
/// only by the <see cref="ProtoSchema"/> table. This is not proto3's JSON mapping; the rules follow what Go's
/// encoding/json does with the Kubernetes types, given what gogo-protobuf puts on the wire:
/// <list type="bullet">
/// <item>Go writes every non-pointer field, zero or not ("" as <c>12 00</c>), and a pointer field only when it is
/// set. So: "", 0 and false are dropped (kubectl's JSON omits them through omitempty) unless the field is marked
/// keepZero, i.e. it is a Go pointer (its presence means it was set: <c>replicas: 0</c>,
/// <c>automountServiceAccountToken: false</c>) or its JSON tag has no omitempty.</item>
/// <item>A nested message that is on the wire is always emitted, even empty: non-pointer structs are always
/// written and Go's JSON never omits a struct, which is why kubectl sends <c>"resources": {}</c>,
/// <c>"strategy": {}</c> and <c>"status": {}</c>. A nil pointer struct is simply absent.</item>
/// <item>Lists and maps appear only when they have entries (Go writes nothing for an empty one). Elements and
/// map values are kept as they are, empty strings included.</item>
/// <item>Special messages (<see cref="SpecialKind"/>) follow their own JSON form; a zero Time is omitted.</item>
/// <item>Unknown field numbers are skipped (newer clients, older schema); a known field with the wrong wire type
/// is an error, since guessing would corrupt the object.</item>
/// </list>
/// </summary>
internal static class ProtoDecoder
{
    /// <summary>Real objects nest about 15 deep; the limit only stops RawExtension-in-RawExtension bombs.</summary>
    internal const int MaxDepth = 64;

    public static void DecodeInto(ReadOnlySpan<byte> data, ProtoMessage message, JsonObject target, int depth)
    {
        if (depth > MaxDepth)
            throw new ProtobufDecodeException($"protobuf message nested deeper than {MaxDepth} levels");

        var reader = new ProtoReader(data);
        while (!reader.AtEnd)
        {
            var (number, wire) = reader.ReadTag();
            if (!message.Fields.TryGetValue(number, out var field))
            {
                reader.Skip(wire);
                continue;
            }

            switch (field.Shape)
            {
                case FieldShape.Single:
                    ReadSingle(ref reader, wire, message, field, target, depth);
                    break;
                case FieldShape.Repeated:
                    ReadRepeated(ref reader, wire, message, field, target, depth);
                    break;
                case FieldShape.Map:
                    ReadMapEntry(ref reader, wire, message, field, target, depth);
                    break;
            }
        }
    }

    internal static void Expect(ProtoWireType actual, ProtoWireType expected, ProtoMessage message, string field)
    {
        if (actual != expected)
            throw new ProtobufDecodeException(
                $"malformed protobuf: {message.Name}.{field} has wire type {(int)actual}, expected {(int)expected}");
    }

    private static void ReadSingle(
        ref ProtoReader reader, ProtoWireType wire, ProtoMessage message, ProtoField field, JsonObject target, int depth)
    {
        if (field.Message is { } type)
        {
            Expect(wire, ProtoWireType.LengthDelimited, message, field.JsonName);
            var data = reader.ReadLengthDelimited();
            if (field.Inline)
            {
                DecodeInto(data, type, target, depth + 1);
            }
            else if (type.Special != SpecialKind.None)
            {
                Set(target, field.JsonName, SpecialValues.Convert(type, data, depth));
            }
            else
            {
                // A message repeated on the wire merges into the earlier one (protobuf semantics).
                var nested = target[field.JsonName] as JsonObject ?? [];
                DecodeInto(data, type, nested, depth + 1);
                target[field.JsonName] = nested;
            }
            return;
        }

        var (value, isZero) = ReadScalar(ref reader, wire, message, field);
        Set(target, field.JsonName, isZero && !field.KeepZero ? null : value);
    }

    private static void ReadRepeated(
        ref ProtoReader reader, ProtoWireType wire, ProtoMessage message, ProtoField field, JsonObject target, int depth)
    {
        var array = target[field.JsonName] as JsonArray ?? [];
        target[field.JsonName] = array;

        if (field.Message is { } type)
        {
            Expect(wire, ProtoWireType.LengthDelimited, message, field.JsonName);
            var data = reader.ReadLengthDelimited();
            if (type.Special != SpecialKind.None)
            {
                array.Add(SpecialValues.Convert(type, data, depth));
                return;
            }
            var element = new JsonObject();
            DecodeInto(data, type, element, depth + 1);
            array.Add(element);
            return;
        }

        // proto2 repeated numbers are unpacked by default, but a packed run is equally valid on the wire.
        if (field.Scalar is ProtoScalar.Int32 or ProtoScalar.Int64 && wire == ProtoWireType.LengthDelimited)
        {
            var packed = new ProtoReader(reader.ReadLengthDelimited());
            while (!packed.AtEnd)
                array.Add(ToNumber(field.Scalar.Value, packed.ReadVarint()));
            return;
        }
        array.Add(ReadScalar(ref reader, wire, message, field).Value);
    }

    private static void ReadMapEntry(
        ref ProtoReader reader, ProtoWireType wire, ProtoMessage message, ProtoField field, JsonObject target, int depth)
    {
        Expect(wire, ProtoWireType.LengthDelimited, message, field.JsonName);
        var entry = new ProtoReader(reader.ReadLengthDelimited());
        var key = "";
        JsonNode? value = null;
        var valueSeen = false;
        while (!entry.AtEnd)
        {
            var (number, entryWire) = entry.ReadTag();
            switch (number)
            {
                case 1:
                    Expect(entryWire, ProtoWireType.LengthDelimited, message, field.JsonName + " key");
                    key = Encoding.UTF8.GetString(entry.ReadLengthDelimited());
                    break;
                case 2:
                    value = ReadMapValue(ref entry, entryWire, message, field, depth);
                    valueSeen = true;
                    break;
                default:
                    entry.Skip(entryWire);
                    break;
            }
        }
        if (!valueSeen)
            value = ReadMapValue(ReadOnlySpan<byte>.Empty, message, field, depth);

        var map = target[field.JsonName] as JsonObject ?? [];
        map[key] = value;
        target[field.JsonName] = map;
    }

    private static JsonNode? ReadMapValue(
        ref ProtoReader entry, ProtoWireType wire, ProtoMessage message, ProtoField field, int depth)
    {
        Expect(wire, ProtoWireType.LengthDelimited, message, field.JsonName + " value");
        return ReadMapValue(entry.ReadLengthDelimited(), message, field, depth);
    }

    // Map values in the Kubernetes types we decode are strings, bytes or Quantities (MessageBuilder offers
    // nothing else), all three length-delimited.
    private static JsonNode? ReadMapValue(ReadOnlySpan<byte> data, ProtoMessage message, ProtoField field, int depth)
    {
        if (field.Message is { } type)
            return SpecialValues.Convert(type, data, depth);
        return field.Scalar switch
        {
            ProtoScalar.String => JsonValue.Create(Encoding.UTF8.GetString(data)),
            ProtoScalar.Bytes => JsonValue.Create(Convert.ToBase64String(data)),
            _ => throw new InvalidOperationException($"protobuf schema: {message.Name}.{field.JsonName} has an unsupported map value"),
        };
    }

    private static (JsonValue Value, bool IsZero) ReadScalar(
        ref ProtoReader reader, ProtoWireType wire, ProtoMessage message, ProtoField field)
    {
        switch (field.Scalar)
        {
            case ProtoScalar.String:
                Expect(wire, ProtoWireType.LengthDelimited, message, field.JsonName);
                // Invalid UTF-8 becomes U+FFFD, as Go's JSON encoder would write it.
                var text = Encoding.UTF8.GetString(reader.ReadLengthDelimited());
                return (JsonValue.Create(text), text.Length == 0);
            case ProtoScalar.Bool:
            case ProtoScalar.Int32:
            case ProtoScalar.Int64:
                Expect(wire, ProtoWireType.Varint, message, field.JsonName);
                var varint = reader.ReadVarint();
                var isZero = field.Scalar == ProtoScalar.Int32 ? unchecked((int)varint) == 0 : varint == 0;
                return (ToNumber(field.Scalar.Value, varint), isZero);
            default:
                throw new InvalidOperationException($"protobuf schema: {message.Name}.{field.JsonName} has no scalar reader");
        }
    }

    private static JsonValue ToNumber(ProtoScalar scalar, ulong varint) => scalar switch
    {
        ProtoScalar.Bool => JsonValue.Create(varint != 0),
        // Negative int32s arrive sign-extended to 64 bits; the low 32 bits are the value either way.
        ProtoScalar.Int32 => JsonValue.Create(unchecked((int)varint)),
        ProtoScalar.Int64 => JsonValue.Create(unchecked((long)varint)),
        _ => throw new InvalidOperationException($"protobuf schema: {scalar} is not a varint type"),
    };

    // Protobuf's "last one wins" for a repeated scalar: a later zero replaces an earlier value.
    private static void Set(JsonObject target, string name, JsonNode? value)
    {
        if (value is null)
            target.Remove(name);
        else
            target[name] = value;
    }
}
