using System.Text.Json.Nodes;
using Emulator.Domain.Resources.Core.Pods;

namespace Emulator.Domain.Resources.Batch;

/// <summary>SetDefaults_Job and SetDefaults_CronJob of pkg/apis/batch/v1/defaults.go (v1.35).</summary>
public static class BatchDefaults
{
    public static void ApplyJob(JsonObject job)
    {
        if (job["spec"] is not JsonObject spec) job["spec"] = spec = new JsonObject();
        ApplyJobSpec(spec);
        CopyTemplateLabels(job);
    }

    /// <summary>A job with no labels of its own takes its template's (run again after the selector is generated, as decoding from storage does).</summary>
    public static void CopyTemplateLabels(JsonObject job)
    {
        if (job["spec"]?["template"]?["metadata"]?["labels"] is JsonObject labels
            && job.Meta()["labels"] is not JsonObject { Count: > 0 })
            job.Meta()["labels"] = labels.DeepClone();
    }

    public static void ApplyJobSpec(JsonObject spec)
    {
        if (spec["completions"] is null && spec["parallelism"] is null)
        {
            spec["completions"] = 1;
            spec["parallelism"] = 1;
        }
        PodSpecDefaults.SetIfMissing(spec, "parallelism", 1);
        PodSpecDefaults.SetIfMissing(spec, "backoffLimit", spec["backoffLimitPerIndex"] is null ? 6 : int.MaxValue);
        PodSpecDefaults.SetIfMissing(spec, "completionMode", "NonIndexed");
        PodSpecDefaults.SetIfMissing(spec, "suspend", false);
        if (spec["podFailurePolicy"]?["rules"] is JsonArray rules)
        {
            foreach (var pattern in rules.OfType<JsonObject>().SelectMany(r => (r["onPodConditions"] as JsonArray ?? []).OfType<JsonObject>()))
                PodSpecDefaults.SetIfMissing(pattern, "status", "True");
        }
        PodSpecDefaults.SetIfMissing(spec, "podReplacementPolicy", spec["podFailurePolicy"] is null ? "TerminatingOrFailed" : "Failed");
        PodSpecDefaults.SetIfMissing(spec, "manualSelector", false);
        if (spec["template"]?["spec"] is JsonObject podSpec) PodSpecDefaults.Apply(podSpec);
    }

    public static void ApplyCronJob(JsonObject cronJob)
    {
        if (cronJob["spec"] is not JsonObject spec) cronJob["spec"] = spec = new JsonObject();
        PodSpecDefaults.SetIfMissing(spec, "concurrencyPolicy", "Allow");
        PodSpecDefaults.SetIfMissing(spec, "suspend", false);
        PodSpecDefaults.SetIfMissing(spec, "successfulJobsHistoryLimit", 3);
        PodSpecDefaults.SetIfMissing(spec, "failedJobsHistoryLimit", 1);
        if (spec["jobTemplate"] is not JsonObject template) return;
        // The job template's spec is a JobSpec and gets its defaults too (SetObjectDefaults_CronJob recurses).
        if (template["spec"] is JsonObject jobSpec) ApplyJobSpec(jobSpec);
    }
}
