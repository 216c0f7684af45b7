using System.Text.Json.Nodes;
using Emulator.Domain.Protobuf;

namespace Emulator.Domain.Tests.Protobuf;

/// <summary>The generic decoder on small schemas of its own, for shapes the Kubernetes table has no example of.</summary>
public sealed class ProtoDecoderTests
{
    private static JsonObject Decode(Action<MessageBuilder> declare, ProtoWriter data)
    {
        var builder = new SchemaBuilder();
        WellKnownSchema.Register(builder);
        declare(builder.Message("t.Root"));
        var root = builder.Build()["t.Root"];
        var result = new JsonObject();
        ProtoDecoder.DecodeInto(data.ToArray(), root, result, depth: 0);
        return result;
    }

    [Fact]
    public void Repeated_special_messages_become_their_json_values()
    {
        var result = Decode(
            m => m.Messages(1, "ports", WellKnownSchema.IntOrString).Messages(2, "times", WellKnownSchema.Time),
            new ProtoWriter().IntOrString(1, 80).IntOrString(1, "http").Time(2, 0).Message(2, _ => { }));

        // An empty Time inside a list has no field to omit, so it stays as the null Go's JSON writes.
        JsonAssert.Equal("""{"ports":[80,"http"],"times":["1970-01-01T00:00:00Z",null]}""", result);
    }

    [Fact]
    public void Map_entries_default_a_missing_key_to_empty()
    {
        var result = Decode(m => m.StringMap(1, "labels"), new ProtoWriter().Message(1, e => e.String(2, "v")));

        JsonAssert.Equal("""{"labels":{"":"v"}}""", result);
    }

    [Fact]
    public void Keep_zero_applies_to_every_scalar_type()
    {
        var result = Decode(
            m => m.String(1, "s", keepZero: true).Bool(2, "b", keepZero: true).Int32(3, "i", keepZero: true)
                .Int64(4, "l", keepZero: true).String(5, "dropped").Int32(6, "alsoDropped"),
            new ProtoWriter().String(1, "").Bool(2, false).Int32(3, 0).Varint(4, 0).String(5, "").Int32(6, 0));

        JsonAssert.Equal("""{"s":"","b":false,"i":0,"l":0}""", result);
    }

    [Fact]
    public void Int64_keeps_its_full_range_and_int32_its_sign()
    {
        var result = Decode(
            m => m.Int64(1, "big").Int32(2, "negative").Int64s(3, "mixed"),
            new ProtoWriter().Varint(1, long.MaxValue).Int32(2, int.MinValue).Varint(3, -5).Packed(3, 6, long.MinValue));

        Assert.Equal(long.MaxValue, result["big"]!.GetValue<long>());
        Assert.Equal(int.MinValue, result["negative"]!.GetValue<int>());
        Assert.Equal([-5L, 6L, long.MinValue], result["mixed"]!.AsArray().Select(n => n!.GetValue<long>()));
    }
}
