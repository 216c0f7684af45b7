using System.Collections.Frozen;

namespace Emulator.Domain.Protobuf;

/// <summary>
/// Our own schema table: message name → field number → JSON name and value kind, for every message reachable
/// from the kinds in <see cref="KubeKinds"/>. Written by hand from the generated.proto files cited on each
/// *Schema class rather than generated, so the table states the JSON conventions (pointers, inlined structs,
/// special types) that generated.proto alone does not.
/// </summary>
internal static class ProtoSchema
{
    private static readonly FrozenDictionary<string, ProtoMessage> Messages = Build();

    public static IReadOnlyDictionary<string, ProtoMessage> All => Messages;

    public static ProtoMessage Get(string name) =>
        Messages.TryGetValue(name, out var message)
            ? message
            : throw new InvalidOperationException($"protobuf schema: unknown message {name}");

    private static FrozenDictionary<string, ProtoMessage> Build()
    {
        var builder = new SchemaBuilder();
        WellKnownSchema.Register(builder);
        MetaV1Schema.Register(builder);
        CoreV1Schema.Register(builder);
        CoreV1PodSchema.Register(builder);
        CoreV1VolumeSchema.Register(builder);
        AppsV1Schema.Register(builder);
        BatchV1Schema.Register(builder);
        DiscoveryV1Schema.Register(builder);
        EventsV1Schema.Register(builder);
        CoordinationV1Schema.Register(builder);
        AutoscalingV1Schema.Register(builder);
        PolicyV1Schema.Register(builder);
        SecurityV1Schema.Register(builder);
        return builder.Build();
    }
}
