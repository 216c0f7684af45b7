using static Emulator.Domain.Protobuf.WellKnownSchema;

namespace Emulator.Domain.Protobuf;

/// <summary>
/// k8s.io.apimachinery.pkg.apis.meta.v1, field numbers from kubernetes/apimachinery
/// pkg/apis/meta/v1/generated.proto (as of the v0.32+ layout: ManagedFieldsEntry.fieldsV1 = 7,
/// DeleteOptions.ignoreStoreReadErrorWithClusterBreakingPotential = 6).
/// </summary>
internal static class MetaV1Schema
{
    public const string ObjectMeta = "meta.ObjectMeta";
    public const string LabelSelector = "meta.LabelSelector";
    public const string Condition = "meta.Condition";
    public const string DeleteOptions = "meta.DeleteOptions";

    public static void Register(SchemaBuilder b)
    {
        b.Message(ObjectMeta)
            .String(1, "name")
            .String(2, "generateName")
            .String(3, "namespace")
            .String(4, "selfLink")
            .String(5, "uid")
            .String(6, "resourceVersion")
            .Int64(7, "generation")
            .Message(8, "creationTimestamp", Time)
            .Message(9, "deletionTimestamp", Time)
            .Int64(10, "deletionGracePeriodSeconds", keepZero: true)
            .StringMap(11, "labels")
            .StringMap(12, "annotations")
            .Messages(13, "ownerReferences", "meta.OwnerReference")
            .Strings(14, "finalizers")
            .Messages(17, "managedFields", "meta.ManagedFieldsEntry");

        b.Message("meta.OwnerReference")
            .String(5, "apiVersion")
            .String(1, "kind")
            .String(3, "name")
            .String(4, "uid")
            .Bool(6, "controller", keepZero: true)
            .Bool(7, "blockOwnerDeletion", keepZero: true);

        b.Message("meta.ManagedFieldsEntry")
            .String(1, "manager")
            .String(2, "operation")
            .String(3, "apiVersion")
            .Message(4, "time", Time)
            .String(6, "fieldsType")
            .Message(7, "fieldsV1", FieldsV1)
            .String(8, "subresource");

        b.Message(LabelSelector)
            .StringMap(1, "matchLabels")
            .Messages(2, "matchExpressions", "meta.LabelSelectorRequirement");

        b.Message("meta.LabelSelectorRequirement")
            .String(1, "key")
            .String(2, "operator")
            .Strings(3, "values");

        b.Message(Condition)
            .String(1, "type")
            .String(2, "status")
            .Int64(3, "observedGeneration")
            .Message(4, "lastTransitionTime", Time)
            .String(5, "reason")
            .String(6, "message");

        b.Message(DeleteOptions)
            .Int64(1, "gracePeriodSeconds", keepZero: true)
            .Message(2, "preconditions", "meta.Preconditions")
            .Bool(3, "orphanDependents", keepZero: true)
            .String(4, "propagationPolicy", keepZero: true)
            .Strings(5, "dryRun")
            .Bool(6, "ignoreStoreReadErrorWithClusterBreakingPotential", keepZero: true);

        b.Message("meta.Preconditions")
            .String(1, "uid", keepZero: true)
            .String(2, "resourceVersion", keepZero: true);
    }
}
