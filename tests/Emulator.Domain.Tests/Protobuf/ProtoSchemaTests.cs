using Emulator.Domain.Protobuf;

namespace Emulator.Domain.Tests.Protobuf;

public sealed class ProtoSchemaTests
{
    public static TheoryData<string, string> Kinds => new()
    {
        { "v1", "Namespace" }, { "v1", "ConfigMap" }, { "v1", "Secret" }, { "v1", "Service" }, { "v1", "Endpoints" },
        { "v1", "Pod" }, { "v1", "PodTemplate" }, { "v1", "Node" }, { "v1", "Event" }, { "v1", "ServiceAccount" },
        { "v1", "PersistentVolumeClaim" }, { "apps/v1", "Deployment" }, { "apps/v1", "ReplicaSet" },
        { "apps/v1", "StatefulSet" }, { "apps/v1", "DaemonSet" }, { "apps/v1", "ControllerRevision" },
        { "discovery.k8s.io/v1", "EndpointSlice" }, { "events.k8s.io/v1", "Event" },
        { "coordination.k8s.io/v1", "Lease" }, { "autoscaling/v1", "Scale" },
        { "batch/v1", "Job" }, { "batch/v1", "CronJob" },
        { "v1", "DeleteOptions" }, { "meta.k8s.io/v1", "DeleteOptions" }, { "apps/v1", "DeleteOptions" },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_supported_kind_is_known_and_decodes_an_empty_object(string apiVersion, string kind)
    {
        Assert.True(KubeProtobuf.IsKnown(apiVersion, kind));

        JsonAssert.Equal($$"""{"apiVersion":"{{apiVersion}}","kind":"{{kind}}"}""",
            KubeProtobuf.Decode(ProtoWriter.Body(apiVersion, kind, _ => { })));
    }

    [Theory]
    [InlineData("example.com/v1", "Widget")]
    [InlineData("v1", "Deployment")]
    [InlineData("apps/v1", "Pod")]
    [InlineData("", "DeleteOptions")]
    [InlineData("a/b/c", "DeleteOptions")]
    [InlineData("v1 ", "DeleteOptions")]
    public void Other_kinds_are_unknown(string apiVersion, string kind) =>
        Assert.False(KubeProtobuf.IsKnown(apiVersion, kind));

    [Fact]
    public void The_schema_table_resolves_every_reference()
    {
        var messages = ProtoSchema.All;

        Assert.All(messages.Values.SelectMany(m => m.Fields.Values).Where(f => f.MessageName is not null),
            f => Assert.Same(messages[f.MessageName!], f.Message));
        Assert.Equal(SpecialKind.Time, ProtoSchema.Get("meta.Time").Special);
    }

    [Fact]
    public void Schema_builder_rejects_a_reference_to_an_undeclared_message()
    {
        var builder = new SchemaBuilder();
        builder.Message("t.A").Message(1, "b", "t.Missing");

        var error = Assert.Throws<InvalidOperationException>(builder.Build);

        Assert.Contains("t.Missing", error.Message);
    }

    [Fact]
    public void Schema_builder_rejects_duplicate_numbers_names_and_messages()
    {
        var builder = new SchemaBuilder();

        Assert.Throws<InvalidOperationException>(() => builder.Message("t.A").String(1, "a").Bool(1, "b"));
        Assert.Throws<InvalidOperationException>(() => builder.Message("t.A"));
        Assert.Throws<InvalidOperationException>(() => builder.Message("t.B").String(0, "zero"));
        builder.Special("t.S", SpecialKind.Quantity);
        Assert.Throws<InvalidOperationException>(() => builder.Special("t.S", SpecialKind.Time));
        Assert.Throws<InvalidOperationException>(() => builder.Special("t.A", SpecialKind.Time));

        var names = new SchemaBuilder();
        names.Message("t.C").String(1, "same").String(2, "same");
        Assert.Throws<InvalidOperationException>(names.Build);
    }

    [Fact]
    public void Schema_builder_rejects_inlining_a_special_message()
    {
        var builder = new SchemaBuilder();
        WellKnownSchema.Register(builder);
        builder.Message("t.A").Inline(1, WellKnownSchema.Time);

        Assert.Throws<InvalidOperationException>(builder.Build);
    }

    [Fact]
    public void Unknown_message_lookup_fails_loudly() =>
        Assert.Throws<InvalidOperationException>(() => ProtoSchema.Get("core.Nope"));
}
