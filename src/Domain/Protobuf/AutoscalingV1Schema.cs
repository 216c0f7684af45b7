using static Emulator.Domain.Protobuf.MetaV1Schema;

namespace Emulator.Domain.Protobuf;

/// <summary>autoscaling/v1 Scale, field numbers from kubernetes/api autoscaling/v1/generated.proto.</summary>
internal static class AutoscalingV1Schema
{
    public static void Register(SchemaBuilder b)
    {
        b.Message("autoscaling.Scale")
            .Message(1, "metadata", ObjectMeta)
            .Message(2, "spec", "autoscaling.ScaleSpec")
            .Message(3, "status", "autoscaling.ScaleStatus");
        // Go's omitempty would hide "scale to zero"; any Go reader treats 0 and absent alike, but a JSON reader
        // looking for spec.replicas should not have to, so the explicit zero is kept.
        b.Message("autoscaling.ScaleSpec")
            .Int32(1, "replicas", keepZero: true);
        b.Message("autoscaling.ScaleStatus")
            .Int32(1, "replicas", keepZero: true)
            .String(2, "selector");
    }
}
