using Emulator.Domain.Protobuf;

namespace Emulator.Domain.Tests.Protobuf;

/// <summary>Input the decoder must refuse, always as a <see cref="ProtobufDecodeException"/> with a readable message.</summary>
public sealed class DecodeErrorTests
{
    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0x6b, 0x38, 0x73 })]
    [InlineData(new byte[] { 0x6b, 0x38, 0x73, 0x01, 0x0a, 0x00 })]
    [InlineData(new byte[] { (byte)'{', (byte)'}' })]
    public void Rejects_a_body_without_the_k8s_magic(byte[] body)
    {
        var error = Assert.Throws<ProtobufDecodeException>(() => KubeProtobuf.Decode(body));

        Assert.Equal("provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]", error.Message);
    }

    [Fact]
    public void Rejects_a_kind_without_schema()
    {
        var body = ProtoWriter.Body("example.com/v1", "Widget", w => w.Message(1, m => m.String(1, "j")));

        var error = Assert.Throws<ProtobufDecodeException>(() => KubeProtobuf.Decode(body));

        Assert.Contains("Widget", error.Message);
        Assert.Contains("example.com/v1", error.Message);
    }

    [Fact]
    public void Rejects_an_envelope_without_type_meta()
    {
        byte[] body = [.. "k8s\0"u8, .. new ProtoWriter().Bytes(2, [0x0a, 0x00]).ToArray()];

        var error = Assert.Throws<ProtobufDecodeException>(() => KubeProtobuf.Decode(body));

        Assert.Contains("apiVersion and kind", error.Message);
    }

    [Fact]
    public void Rejects_type_meta_fields_of_the_wrong_wire_type()
    {
        byte[] body = [.. "k8s\0"u8, .. new ProtoWriter().Message(1, t => t.String(1, "v1").Varint(2, 1)).ToArray()];

        var error = Assert.Throws<ProtobufDecodeException>(() => KubeProtobuf.Decode(body));

        Assert.Contains("typeMeta field 2", error.Message);
    }

    [Fact]
    public void Rejects_envelope_fields_of_the_wrong_wire_type()
    {
        byte[] body = [.. "k8s\0"u8, .. new ProtoWriter().Varint(2, 1).ToArray()];

        var error = Assert.Throws<ProtobufDecodeException>(() => KubeProtobuf.Decode(body));

        Assert.Contains("envelope: field 2", error.Message);
    }

    [Theory]
    [InlineData(3, "gzip", "content encoding")]
    [InlineData(4, "application/json", "content type")]
    public void Rejects_envelope_encodings_it_cannot_read(int field, string value, string expected)
    {
        byte[] body = [.. ProtoWriter.Body("v1", "ConfigMap", _ => { }), .. new ProtoWriter().String(field, value).ToArray()];

        var error = Assert.Throws<ProtobufDecodeException>(() => KubeProtobuf.Decode(body));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Accepts_the_protobuf_content_type_in_the_envelope()
    {
        byte[] body = [.. ProtoWriter.Body("v1", "ConfigMap", _ => { }), .. new ProtoWriter().String(4, KubeProtobuf.MediaType).ToArray()];

        JsonAssert.Equal("""{"apiVersion":"v1","kind":"ConfigMap"}""", KubeProtobuf.Decode(body));
    }

    [Fact]
    public void Rejects_every_truncation_inside_the_object()
    {
        var body = CapturedBodies.Bytes(CapturedBodies.KubectlCreateDeploymentHttpenv);
        // magic (4) + typeMeta field (2 + 21) + raw tag and 2-byte length (3), then the object, then 4 trailing
        // bytes holding the envelope's empty contentEncoding and contentType.
        const int objectStart = 4 + 23 + 3;

        for (var length = objectStart; length < body.Length - 4; length++)
            Assert.Throws<ProtobufDecodeException>(() => KubeProtobuf.Decode(body.AsSpan(0, length)));
        for (var length = 5; length < 4 + 23; length++)
            Assert.Throws<ProtobufDecodeException>(() => KubeProtobuf.Decode(body.AsSpan(0, length)));
    }

    [Fact]
    public void Corrupted_captures_fail_only_with_decode_errors()
    {
        var random = new Random(1234);
        foreach (var capture in new[] { CapturedBodies.KubectlDebugPodCopy, CapturedBodies.HelmInstallCreateRelease })
        {
            var original = CapturedBodies.Bytes(capture);
            for (var round = 0; round < 2000; round++)
            {
                var body = (byte[])original.Clone();
                for (var flips = random.Next(1, 4); flips > 0; flips--)
                    body[random.Next(4, body.Length)] = (byte)random.Next(256);
                try
                {
                    KubeProtobuf.Decode(body);
                }
                catch (ProtobufDecodeException)
                {
                }
            }
        }
    }

    [Fact]
    public void Rejects_a_known_field_with_the_wrong_wire_type()
    {
        var body = ProtoWriter.Body("v1", "ConfigMap", w => w.Message(1, m => m.Varint(1, 7)));

        var error = Assert.Throws<ProtobufDecodeException>(() => KubeProtobuf.Decode(body));

        Assert.Contains("meta.ObjectMeta.name", error.Message);
    }

    [Theory]
    [InlineData(new byte[] { 0x78, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01 }, "proto: integer overflow")]
    [InlineData(new byte[] { 0x0b }, "wire type 3")]
    [InlineData(new byte[] { 0x00, 0x01 }, "field number 0")]
    [InlineData(new byte[] { 0x7d, 0x01, 0x02 }, "unexpected EOF")]
    [InlineData(new byte[] { 0x12, 0x05, 0x01 }, "unexpected EOF")]
    public void Rejects_malformed_wire_data(byte[] raw, string expected)
    {
        // Field 15 is not in ObjectMeta any more (clusterName was removed), so these go through the skipping path.
        var body = ProtoWriter.Body("v1", "ConfigMap", w => w.Message(1, m => m.Raw(raw)));

        var error = Assert.Throws<ProtobufDecodeException>(() => KubeProtobuf.Decode(body));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Rejects_an_int_or_string_of_unknown_type()
    {
        var body = ProtoWriter.Body("v1", "Service", w => w.Message(2, s => s.Message(1, p => p.Message(4, v => v.Varint(1, 2)))));

        var error = Assert.Throws<ProtobufDecodeException>(() => KubeProtobuf.Decode(body));

        Assert.Contains("unknown type 2", error.Message);
    }

    [Fact]
    public void Rejects_an_empty_quantity()
    {
        var body = ProtoWriter.Body("v1", "Node", w => w.Message(3, s => s.Message(1, e => e.String(1, "cpu").Message(2, _ => { }))));

        var error = Assert.Throws<ProtobufDecodeException>(() => KubeProtobuf.Decode(body));

        Assert.Contains("empty quantity", error.Message);
    }

    [Theory]
    [InlineData(253402300800L, 0, "outside years")]
    [InlineData(1767323045L, 1_000_000_000, "nanos")]
    [InlineData(1767323045L, -1, "nanos")]
    public void Rejects_timestamps_go_could_not_hold(long seconds, int nanos, string expected)
    {
        var body = ProtoWriter.Body("v1", "ConfigMap", w => w.Message(1, m => m.Time(8, seconds, nanos)));

        var error = Assert.Throws<ProtobufDecodeException>(() => KubeProtobuf.Decode(body));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Rejects_raw_extension_bytes_that_are_not_json()
    {
        var body = ProtoWriter.Body("apps/v1", "ControllerRevision", w => w.Message(2, r => r.Bytes(1, "{not json"u8)));

        var error = Assert.Throws<ProtobufDecodeException>(() => KubeProtobuf.Decode(body));

        Assert.Contains("neither JSON nor Kubernetes protobuf", error.Message);
    }

    [Fact]
    public void Rejects_raw_extensions_nested_without_end()
    {
        var body = ProtoWriter.Body("v1", "ConfigMap", _ => { });
        for (var level = 0; level < 40; level++)
        {
            var inner = body;
            body = ProtoWriter.Body("apps/v1", "ControllerRevision", w => w.Message(2, r => r.Bytes(1, inner)));
        }

        var error = Assert.Throws<ProtobufDecodeException>(() => KubeProtobuf.Decode(body));

        Assert.Contains("nested deeper", error.Message);
    }
}
