using static Emulator.Domain.Protobuf.MetaV1Schema;
using static Emulator.Domain.Protobuf.WellKnownSchema;

namespace Emulator.Domain.Protobuf;

/// <summary>
/// k8s.io.api.coordination.v1, field numbers from kubernetes/api coordination/v1/generated.proto. Every LeaseSpec
/// field is a Go pointer.
/// </summary>
internal static class CoordinationV1Schema
{
    public static void Register(SchemaBuilder b)
    {
        b.Message("coordination.Lease")
            .Message(1, "metadata", ObjectMeta)
            .Message(2, "spec", "coordination.LeaseSpec");
        b.Message("coordination.LeaseSpec")
            .String(1, "holderIdentity", keepZero: true)
            .Int32(2, "leaseDurationSeconds", keepZero: true)
            .Message(3, "acquireTime", MicroTime)
            .Message(4, "renewTime", MicroTime)
            .Int32(5, "leaseTransitions", keepZero: true)
            .String(6, "strategy", keepZero: true)
            .String(7, "preferredHolder", keepZero: true);
    }
}
