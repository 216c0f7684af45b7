using System.Text.Json.Nodes;
using Emulator.Domain.Protobuf;

namespace Emulator.Domain.Tests.Protobuf;

/// <summary>Hand-built bodies for meta/v1 shapes no captured client request contained.</summary>
public sealed class MetaAndOptionsTests
{
    [Fact]
    public void Comparison_helper_is_order_blind_but_type_strict()
    {
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"a":10,"b":"x"}"""), new JsonObject { ["b"] = "x", ["a"] = 10L }));
        Assert.False(JsonNode.DeepEquals(JsonNode.Parse("""{"a":10}"""), new JsonObject { ["a"] = "10" }));
        Assert.False(JsonNode.DeepEquals(JsonNode.Parse("""{"a":{}}"""), new JsonObject { ["a"] = new JsonObject(), ["b"] = 1 }));
    }

    [Theory]
    [InlineData("v1")]
    [InlineData("meta.k8s.io/v1")]
    [InlineData("apps/v1")]
    public void Decodes_every_delete_options_field_keeping_pointer_zeros(string apiVersion)
    {
        var body = ProtoWriter.Body(apiVersion, "DeleteOptions", w => w
            .Varint(1, 0)
            .Message(2, p => p.String(1, "7f1c-uid").String(2, ""))
            .Bool(3, false)
            .String(4, "Foreground")
            .String(5, "All")
            .Bool(6, true));

        JsonAssert.Equal(
            $$"""
            {"apiVersion":"{{apiVersion}}","kind":"DeleteOptions","gracePeriodSeconds":0,
             "preconditions":{"uid":"7f1c-uid","resourceVersion":""},"orphanDependents":false,
             "propagationPolicy":"Foreground","dryRun":["All"],"ignoreStoreReadErrorWithClusterBreakingPotential":true}
            """,
            KubeProtobuf.Decode(body));
    }

    [Fact]
    public void Decodes_object_meta_owner_references_managed_fields_and_timestamps()
    {
        var body = ProtoWriter.Body("v1", "ConfigMap", w => w.Message(1, m => m
            .String(1, "cm")
            .String(2, "")
            .String(3, "team-a")
            .String(5, "uid-1")
            .String(6, "17")
            .Varint(7, 3)
            // Go's time.Time{} (0001-01-01T00:00:00Z) is JSON null, so it is omitted like an empty Time.
            .Time(8, -62135596800)
            .Time(9, 1767323045, nanos: 999_999_999)
            .Varint(10, 0)
            .Entry(11, "app", "x")
            .Entry(12, "empty", "")
            .Message(13, o => o.String(5, "apps/v1").String(1, "ReplicaSet").String(3, "rs").String(4, "rs-uid")
                .Bool(6, true).Bool(7, false))
            .String(14, "example.com/cleanup")
            .String(14, "")
            .Message(17, f => f.String(1, "kubectl-create").String(2, "Update").String(3, "v1")
                .Time(4, 1767323045).String(6, "FieldsV1")
                .Message(7, r => r.Bytes(1, """{"f:data":{".":{},"f:a":{}}}"""u8))
                .String(8, ""))));

        JsonAssert.Equal(
            """
            {"apiVersion":"v1","kind":"ConfigMap","metadata":{
              "name":"cm","namespace":"team-a","uid":"uid-1","resourceVersion":"17","generation":3,
              "deletionTimestamp":"2026-01-02T03:04:05Z","deletionGracePeriodSeconds":0,
              "labels":{"app":"x"},"annotations":{"empty":""},
              "ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"rs","uid":"rs-uid","controller":true,"blockOwnerDeletion":false}],
              "finalizers":["example.com/cleanup",""],
              "managedFields":[{"manager":"kubectl-create","operation":"Update","apiVersion":"v1","time":"2026-01-02T03:04:05Z",
                "fieldsType":"FieldsV1","fieldsV1":{"f:data":{".":{},"f:a":{}}}}]}}
            """,
            KubeProtobuf.Decode(body));
    }

    [Fact]
    public void Skips_unknown_fields_of_every_wire_type_at_every_level()
    {
        var raw = new ProtoWriter()
            .Varint(99, 1)
            .Message(1, m => m
                .Fixed32(1000, 7)
                .String(1, "cm")
                .Fixed64(500, 9)
                .Message(333, u => u.String(1, "nested unknown")))
            .String(98, "unknown string")
            .Entry(2, "k", "v")
            .Fixed64(97, 1);
        byte[] body =
        [
            .. "k8s\0"u8,
            .. new ProtoWriter()
                .Varint(9, 1)
                .Message(1, t => t.String(1, "v1").Varint(7, 1).String(2, "ConfigMap"))
                .Bytes(2, raw.ToArray())
                .String(5, "future envelope field")
                .ToArray(),
        ];

        JsonAssert.Equal(
            """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm"},"data":{"k":"v"}}""",
            KubeProtobuf.Decode(body));
    }

    [Fact]
    public void Later_scalar_wins_and_repeated_message_fields_merge()
    {
        var body = ProtoWriter.Body("v1", "ConfigMap", w => w
            .Message(1, m => m.String(1, "first").String(3, "ns"))
            .Message(1, m => m.String(1, "second").Entry(11, "a", "b"))
            .Bool(4, true)
            .Bool(4, false));

        // metadata merges (protobuf semantics); immutable's later explicit false wins (it is a Go *bool).
        JsonAssert.Equal(
            """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"second","namespace":"ns","labels":{"a":"b"}},"immutable":false}""",
            KubeProtobuf.Decode(body));
    }

    [Fact]
    public void A_later_empty_string_removes_an_earlier_value()
    {
        var body = ProtoWriter.Body("v1", "Secret", w => w.String(3, "Opaque").String(3, ""));

        JsonAssert.Equal("""{"apiVersion":"v1","kind":"Secret"}""", KubeProtobuf.Decode(body));
    }

    [Fact]
    public void Secret_keeps_binary_values_and_string_data()
    {
        var body = ProtoWriter.Body("v1", "Secret", w => w
            .Message(1, m => m.String(1, "s"))
            .Bool(5, true)
            .Message(2, e => e.String(1, "bin").Bytes(2, [0x00, 0xff, 0x10]))
            .Message(2, e => e.String(1, "empty"))
            .Entry(4, "plain", "text")
            .String(3, "Opaque"));

        JsonAssert.Equal(
            """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s"},"immutable":true,"data":{"bin":"AP8Q","empty":""},"stringData":{"plain":"text"},"type":"Opaque"}""",
            KubeProtobuf.Decode(body));
    }

    [Fact]
    public void Replaces_invalid_utf8_like_go_json_does()
    {
        var body = ProtoWriter.Body("v1", "ConfigMap", w => w.Message(1, m => m.Bytes(1, [(byte)'a', 0xff, (byte)'b'])));

        Assert.Equal("a\uFFFDb", KubeProtobuf.Decode(body)["metadata"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public void Scale_keeps_an_explicit_zero_replicas()
    {
        var body = ProtoWriter.Body("autoscaling/v1", "Scale", w => w
            .Message(1, m => m.String(1, "web").String(3, "default"))
            .Message(2, s => s.Int32(1, 0))
            .Message(3, s => s.Int32(1, 3).String(2, "app=web")));

        JsonAssert.Equal(
            """{"apiVersion":"autoscaling/v1","kind":"Scale","metadata":{"name":"web","namespace":"default"},"spec":{"replicas":0},"status":{"replicas":3,"selector":"app=web"}}""",
            KubeProtobuf.Decode(body));
    }
}
