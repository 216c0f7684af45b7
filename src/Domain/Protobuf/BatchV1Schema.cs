using static Emulator.Domain.Protobuf.CoreV1PodSchema;
using static Emulator.Domain.Protobuf.CoreV1Schema;
using static Emulator.Domain.Protobuf.MetaV1Schema;
using static Emulator.Domain.Protobuf.WellKnownSchema;

namespace Emulator.Domain.Protobuf;

/// <summary>k8s.io.api.batch.v1, field numbers from kubernetes/api batch/v1/generated.proto (v1.35).</summary>
internal static class BatchV1Schema
{
    public static void Register(SchemaBuilder b)
    {
        b.Message("batch.Job")
            .Message(1, "metadata", ObjectMeta)
            .Message(2, "spec", "batch.JobSpec")
            .Message(3, "status", "batch.JobStatus");
        b.Message("batch.JobSpec")
            .Int32(1, "parallelism", keepZero: true)
            .Int32(2, "completions", keepZero: true)
            .Int64(3, "activeDeadlineSeconds", keepZero: true)
            .Message(11, "podFailurePolicy", "batch.PodFailurePolicy")
            .Message(16, "successPolicy", "batch.SuccessPolicy")
            .Int32(7, "backoffLimit", keepZero: true)
            .Int32(12, "backoffLimitPerIndex", keepZero: true)
            .Int32(13, "maxFailedIndexes", keepZero: true)
            .Message(4, "selector", LabelSelector)
            .Bool(5, "manualSelector", keepZero: true)
            .Message(6, "template", PodTemplateSpec)
            .Int32(8, "ttlSecondsAfterFinished", keepZero: true)
            .String(9, "completionMode", keepZero: true)
            .Bool(10, "suspend", keepZero: true)
            .String(14, "podReplacementPolicy", keepZero: true)
            .String(15, "managedBy", keepZero: true);
        b.Message("batch.PodFailurePolicy")
            .Messages(1, "rules", "batch.PodFailurePolicyRule");
        b.Message("batch.PodFailurePolicyRule")
            .String(1, "action")
            .Message(2, "onExitCodes", "batch.PodFailurePolicyOnExitCodesRequirement")
            .Messages(3, "onPodConditions", "batch.PodFailurePolicyOnPodConditionsPattern");
        b.Message("batch.PodFailurePolicyOnExitCodesRequirement")
            .String(1, "containerName", keepZero: true)
            .String(2, "operator")
            .Int32s(3, "values");
        b.Message("batch.PodFailurePolicyOnPodConditionsPattern")
            .String(1, "type")
            .String(2, "status");
        b.Message("batch.SuccessPolicy")
            .Messages(1, "rules", "batch.SuccessPolicyRule");
        b.Message("batch.SuccessPolicyRule")
            .String(1, "succeededIndexes", keepZero: true)
            .Int32(2, "succeededCount", keepZero: true);
        b.Message("batch.JobStatus")
            .Messages(1, "conditions", "batch.JobCondition")
            .Message(2, "startTime", Time)
            .Message(3, "completionTime", Time)
            .Int32(4, "active")
            .Int32(5, "succeeded")
            .Int32(6, "failed")
            .Int32(11, "terminating", keepZero: true)
            .String(7, "completedIndexes")
            .String(10, "failedIndexes", keepZero: true)
            .Message(8, "uncountedTerminatedPods", "batch.UncountedTerminatedPods")
            .Int32(9, "ready", keepZero: true);
        b.Message("batch.JobCondition")
            .String(1, "type")
            .String(2, "status")
            .Message(3, "lastProbeTime", Time)
            .Message(4, "lastTransitionTime", Time)
            .String(5, "reason")
            .String(6, "message");
        b.Message("batch.UncountedTerminatedPods")
            .Strings(1, "succeeded")
            .Strings(2, "failed");

        b.Message("batch.CronJob")
            .Message(1, "metadata", ObjectMeta)
            .Message(2, "spec", "batch.CronJobSpec")
            .Message(3, "status", "batch.CronJobStatus");
        b.Message("batch.CronJobSpec")
            .String(1, "schedule")
            .String(8, "timeZone", keepZero: true)
            .Int64(2, "startingDeadlineSeconds", keepZero: true)
            .String(3, "concurrencyPolicy")
            .Bool(4, "suspend", keepZero: true)
            .Message(5, "jobTemplate", "batch.JobTemplateSpec")
            .Int32(6, "successfulJobsHistoryLimit", keepZero: true)
            .Int32(7, "failedJobsHistoryLimit", keepZero: true);
        b.Message("batch.JobTemplateSpec")
            .Message(1, "metadata", ObjectMeta)
            .Message(2, "spec", "batch.JobSpec");
        b.Message("batch.CronJobStatus")
            .Messages(1, "active", ObjectReference)
            .Message(4, "lastScheduleTime", Time)
            .Message(5, "lastSuccessfulTime", Time);
    }
}
