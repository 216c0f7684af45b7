using static Emulator.Domain.Protobuf.MetaV1Schema;
using static Emulator.Domain.Protobuf.WellKnownSchema;

namespace Emulator.Domain.Protobuf;

/// <summary>
/// policy/v1 Eviction and PodDisruptionBudget, field numbers from kubernetes/api policy/v1/generated.proto. The PDB
/// status is not mapped: a created budget's status is reset and its updates come from the disruption controller.
/// </summary>
internal static class PolicyV1Schema
{
    public static void Register(SchemaBuilder b)
    {
        b.Message("policy.Eviction")
            .Message(1, "metadata", ObjectMeta)
            .Message(2, "deleteOptions", DeleteOptions);
        b.Message("policy.PodDisruptionBudget")
            .Message(1, "metadata", ObjectMeta)
            .Message(2, "spec", "policy.PodDisruptionBudgetSpec");
        b.Message("policy.PodDisruptionBudgetSpec")
            .Message(1, "minAvailable", IntOrString)
            .Message(2, "selector", LabelSelector)
            .Message(3, "maxUnavailable", IntOrString)
            .String(4, "unhealthyPodEvictionPolicy");
    }
}
