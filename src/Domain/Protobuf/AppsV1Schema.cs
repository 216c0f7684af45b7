using static Emulator.Domain.Protobuf.CoreV1PodSchema;
using static Emulator.Domain.Protobuf.MetaV1Schema;
using static Emulator.Domain.Protobuf.WellKnownSchema;

namespace Emulator.Domain.Protobuf;

/// <summary>
/// k8s.io.api.apps.v1, field numbers from kubernetes/api apps/v1/generated.proto (with
/// DeploymentSpec.podReplacementPolicy = 10 and the terminatingReplicas status fields).
/// </summary>
internal static class AppsV1Schema
{
    public static void Register(SchemaBuilder b)
    {
        RegisterDeployments(b);
        RegisterStatefulSets(b);
        RegisterDaemonSets(b);

        b.Message("apps.ControllerRevision")
            .Message(1, "metadata", ObjectMeta)
            .Message(2, "data", RawExtension)
            .Int64(3, "revision", keepZero: true);
    }

    private static void RegisterDeployments(SchemaBuilder b)
    {
        b.Message("apps.Deployment")
            .Message(1, "metadata", ObjectMeta)
            .Message(2, "spec", "apps.DeploymentSpec")
            .Message(3, "status", "apps.DeploymentStatus");
        b.Message("apps.DeploymentSpec")
            .Int32(1, "replicas", keepZero: true)
            .Message(2, "selector", LabelSelector)
            .Message(3, "template", PodTemplateSpec)
            .Message(4, "strategy", "apps.DeploymentStrategy")
            .Int32(5, "minReadySeconds")
            .Int32(6, "revisionHistoryLimit", keepZero: true)
            .Bool(7, "paused")
            .Int32(9, "progressDeadlineSeconds", keepZero: true)
            .String(10, "podReplacementPolicy", keepZero: true);
        b.Message("apps.DeploymentStrategy")
            .String(1, "type")
            .Message(2, "rollingUpdate", "apps.RollingUpdateDeployment");
        b.Message("apps.RollingUpdateDeployment")
            .Message(1, "maxUnavailable", IntOrString)
            .Message(2, "maxSurge", IntOrString);
        b.Message("apps.DeploymentStatus")
            .Int64(1, "observedGeneration")
            .Int32(2, "replicas")
            .Int32(3, "updatedReplicas")
            .Int32(7, "readyReplicas")
            .Int32(4, "availableReplicas")
            .Int32(5, "unavailableReplicas")
            .Int32(9, "terminatingReplicas", keepZero: true)
            .Messages(6, "conditions", "apps.DeploymentCondition")
            .Int32(8, "collisionCount", keepZero: true);
        b.Message("apps.DeploymentCondition")
            .String(1, "type")
            .String(2, "status")
            .Message(6, "lastUpdateTime", Time)
            .Message(7, "lastTransitionTime", Time)
            .String(4, "reason")
            .String(5, "message");

        b.Message("apps.ReplicaSet")
            .Message(1, "metadata", ObjectMeta)
            .Message(2, "spec", "apps.ReplicaSetSpec")
            .Message(3, "status", "apps.ReplicaSetStatus");
        b.Message("apps.ReplicaSetSpec")
            .Int32(1, "replicas", keepZero: true)
            .Int32(4, "minReadySeconds")
            .Message(2, "selector", LabelSelector)
            .Message(3, "template", PodTemplateSpec);
        // ReplicaSetStatus.replicas has no omitempty in Go, so kubectl's JSON carries "replicas": 0.
        b.Message("apps.ReplicaSetStatus")
            .Int32(1, "replicas", keepZero: true)
            .Int32(2, "fullyLabeledReplicas")
            .Int32(4, "readyReplicas")
            .Int32(5, "availableReplicas")
            .Int32(7, "terminatingReplicas", keepZero: true)
            .Int64(3, "observedGeneration")
            .Messages(6, "conditions", "apps.ReplicaSetCondition");
        b.Message("apps.ReplicaSetCondition")
            .String(1, "type")
            .String(2, "status")
            .Message(3, "lastTransitionTime", Time)
            .String(4, "reason")
            .String(5, "message");
    }

    private static void RegisterStatefulSets(SchemaBuilder b)
    {
        b.Message("apps.StatefulSet")
            .Message(1, "metadata", ObjectMeta)
            .Message(2, "spec", "apps.StatefulSetSpec")
            .Message(3, "status", "apps.StatefulSetStatus");
        b.Message("apps.StatefulSetSpec")
            .Int32(1, "replicas", keepZero: true)
            .Message(2, "selector", LabelSelector)
            .Message(3, "template", PodTemplateSpec)
            .Messages(4, "volumeClaimTemplates", "core.PersistentVolumeClaim")
            .String(5, "serviceName")
            .String(6, "podManagementPolicy")
            .Message(7, "updateStrategy", "apps.StatefulSetUpdateStrategy")
            .Int32(8, "revisionHistoryLimit", keepZero: true)
            .Int32(9, "minReadySeconds")
            .Message(10, "persistentVolumeClaimRetentionPolicy", "apps.StatefulSetPersistentVolumeClaimRetentionPolicy")
            .Message(11, "ordinals", "apps.StatefulSetOrdinals");
        b.Message("apps.StatefulSetUpdateStrategy")
            .String(1, "type")
            .Message(2, "rollingUpdate", "apps.RollingUpdateStatefulSetStrategy");
        b.Message("apps.RollingUpdateStatefulSetStrategy")
            .Int32(1, "partition", keepZero: true)
            .Message(2, "maxUnavailable", IntOrString);
        b.Message("apps.StatefulSetPersistentVolumeClaimRetentionPolicy")
            .String(1, "whenDeleted")
            .String(2, "whenScaled");
        b.Message("apps.StatefulSetOrdinals")
            .Int32(1, "start", keepZero: true);
        b.Message("apps.StatefulSetStatus")
            .Int64(1, "observedGeneration")
            .Int32(2, "replicas", keepZero: true)
            .Int32(3, "readyReplicas")
            .Int32(4, "currentReplicas")
            .Int32(5, "updatedReplicas")
            .String(6, "currentRevision")
            .String(7, "updateRevision")
            .Int32(9, "collisionCount", keepZero: true)
            .Messages(10, "conditions", "apps.StatefulSetCondition")
            .Int32(11, "availableReplicas", keepZero: true);
        b.Message("apps.StatefulSetCondition")
            .String(1, "type")
            .String(2, "status")
            .Message(3, "lastTransitionTime", Time)
            .String(4, "reason")
            .String(5, "message");
    }

    private static void RegisterDaemonSets(SchemaBuilder b)
    {
        b.Message("apps.DaemonSet")
            .Message(1, "metadata", ObjectMeta)
            .Message(2, "spec", "apps.DaemonSetSpec")
            .Message(3, "status", "apps.DaemonSetStatus");
        b.Message("apps.DaemonSetSpec")
            .Message(1, "selector", LabelSelector)
            .Message(2, "template", PodTemplateSpec)
            .Message(3, "updateStrategy", "apps.DaemonSetUpdateStrategy")
            .Int32(4, "minReadySeconds")
            .Int32(6, "revisionHistoryLimit", keepZero: true);
        b.Message("apps.DaemonSetUpdateStrategy")
            .String(1, "type")
            .Message(2, "rollingUpdate", "apps.RollingUpdateDaemonSet");
        b.Message("apps.RollingUpdateDaemonSet")
            .Message(1, "maxUnavailable", IntOrString)
            .Message(2, "maxSurge", IntOrString);
        // The four counters without omitempty in Go's DaemonSetStatus keep their zeros, as kubectl's JSON does.
        b.Message("apps.DaemonSetStatus")
            .Int32(1, "currentNumberScheduled", keepZero: true)
            .Int32(2, "numberMisscheduled", keepZero: true)
            .Int32(3, "desiredNumberScheduled", keepZero: true)
            .Int32(4, "numberReady", keepZero: true)
            .Int64(5, "observedGeneration")
            .Int32(6, "updatedNumberScheduled")
            .Int32(7, "numberAvailable")
            .Int32(8, "numberUnavailable")
            .Int32(9, "collisionCount", keepZero: true)
            .Messages(10, "conditions", "apps.DaemonSetCondition");
        b.Message("apps.DaemonSetCondition")
            .String(1, "type")
            .String(2, "status")
            .Message(3, "lastTransitionTime", Time)
            .String(4, "reason")
            .String(5, "message");
    }
}
