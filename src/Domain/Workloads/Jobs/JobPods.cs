using System.Globalization;
using System.Text.Json.Nodes;
using Emulator.Domain.Resources;

namespace Emulator.Domain.Workloads.Jobs;

/// <summary>The pod side of pkg/controller/job: the tracking finalizer, completion indexes and the pods made from a job's template.</summary>
public static class JobPods
{
    public const string TrackingFinalizer = "batch.kubernetes.io/job-tracking";
    public const string CompletionIndexKey = "batch.kubernetes.io/job-completion-index";
    public const string CompletionIndexEnv = "JOB_COMPLETION_INDEX";

    // names.MaxGeneratedNameLength: 63 minus the 5 random characters.
    private const int MaxGeneratedNameLength = 58;

    public static bool HasTrackingFinalizer(JsonObject pod) =>
        pod.Meta()["finalizers"] is JsonArray f && f.Any(n => n is JsonValue v && v.TryGetValue<string>(out var s) && s == TrackingFinalizer);

    public static bool IsSucceeded(JsonObject pod) => PodFacts.Phase(pod) == "Succeeded";

    /// <summary>isPodFailed: phase Failed, or (without a pod failure policy) deleted before it succeeded.</summary>
    public static bool IsFailed(JsonObject pod, JsonObject job)
    {
        if (job["spec"]?["podFailurePolicy"] is not null) return PodFacts.Phase(pod) == "Failed";
        return PodFacts.Phase(pod) == "Failed" || (PodFacts.IsTerminating(pod) && PodFacts.Phase(pod) != "Succeeded");
    }

    /// <summary>controller.CountTerminatingPods: deleted but not yet finished.</summary>
    public static bool IsTerminating(JsonObject pod) =>
        PodFacts.IsTerminating(pod) && PodFacts.Phase(pod) is not ("Succeeded" or "Failed");

    /// <summary>getCompletionIndex: the annotation, -1 when absent or malformed.</summary>
    public static int CompletionIndex(JsonObject pod)
    {
        var text = JsonObjectExtensions.StringMap(pod.Meta()["annotations"]).GetValueOrDefault(CompletionIndexKey);
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : -1;
    }

    /// <summary>When the pod finished: the latest container finishedAt, else its last condition change.</summary>
    public static DateTimeOffset? FinishTime(JsonObject pod)
    {
        var finished = (pod["status"]?["containerStatuses"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(c => PodFacts.Time(c["state"]?["terminated"]?["finishedAt"])).Where(t => t is not null).Max();
        return finished ?? (pod["status"]?["conditions"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(c => PodFacts.Time(c["lastTransitionTime"])).Where(t => t is not null).Max();
    }

    /// <summary>
    /// The pod the job controller creates (controller.GetPodFromTemplate plus job_controller.go's additions): generateName
    /// "&lt;job&gt;-" or "&lt;job&gt;-&lt;index&gt;-", the tracking finalizer, and for Indexed jobs the completion index as
    /// annotation, label, hostname and JOB_COMPLETION_INDEX.
    /// </summary>
    public static JsonObject FromTemplate(JsonObject job, int? index)
    {
        var template = job["spec"]?["template"] as JsonObject ?? new JsonObject();
        var meta = new JsonObject { ["generateName"] = GenerateName(job.Name(), index), ["namespace"] = job.Namespace() };
        var labels = template["metadata"]?["labels"]?.DeepClone() as JsonObject ?? new JsonObject();
        var annotations = template["metadata"]?["annotations"]?.DeepClone() as JsonObject ?? new JsonObject();
        var finalizers = template["metadata"]?["finalizers"]?.DeepClone() as JsonArray ?? new JsonArray();
        finalizers.Add(TrackingFinalizer);
        var spec = template["spec"]?.DeepClone() as JsonObject ?? new JsonObject();
        if (index is { } i)
        {
            var value = i.ToString(CultureInfo.InvariantCulture);
            annotations[CompletionIndexKey] = value;
            labels[CompletionIndexKey] = value;
            if (string.IsNullOrEmpty(spec.Str("hostname"))) spec["hostname"] = $"{job.Name()}-{value}";
            foreach (var list in new[] { "initContainers", "containers" })
                foreach (var c in (spec[list] as JsonArray ?? []).OfType<JsonObject>()) AddIndexEnv(c);
        }
        if (labels.Count > 0) meta["labels"] = labels;
        if (annotations.Count > 0) meta["annotations"] = annotations;
        meta["finalizers"] = finalizers;
        meta["ownerReferences"] = PodFacts.OwnerReferences(job);
        return new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Pod", ["metadata"] = meta, ["spec"] = spec };
    }

    /// <summary>podGenerateNameWithIndex: the index survives truncation of a long job name.</summary>
    public static string GenerateName(string jobName, int? index)
    {
        if (index is not { } i) return jobName + "-";
        var suffix = "-" + i.ToString(CultureInfo.InvariantCulture) + "-";
        var prefix = jobName + suffix;
        return prefix.Length > MaxGeneratedNameLength ? prefix[..(MaxGeneratedNameLength - suffix.Length)] + suffix : prefix;
    }

    private static void AddIndexEnv(JsonObject container)
    {
        if (container["env"] is not JsonArray env) container["env"] = env = new JsonArray();
        if (env.OfType<JsonObject>().Any(e => e.Str("name") == CompletionIndexEnv)) return;
        env.Add(new JsonObject
        {
            ["name"] = CompletionIndexEnv,
            ["valueFrom"] = new JsonObject { ["fieldRef"] = new JsonObject { ["apiVersion"] = "v1", ["fieldPath"] = $"metadata.annotations['{CompletionIndexKey}']" } },
        });
    }
}
