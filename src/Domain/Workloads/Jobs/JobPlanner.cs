using System.Text.Json.Nodes;
using Emulator.Domain.Resources;

namespace Emulator.Domain.Workloads.Jobs;

/// <summary>What the tracking step of a sync does: the status to flush first, then the pods whose finalizer may go.</summary>
public sealed record JobTracking(JsonObject Status, bool Changed, IReadOnlyList<JsonObject> RemoveFinalizer);

/// <summary>What the rest of a sync does: pods to delete and create, the status to write, events, when to look again.</summary>
public sealed record JobPlan(
    JsonObject Status,
    IReadOnlyList<JsonObject> Delete,
    bool DeleteKeepsFinalizer,
    int Create,
    IReadOnlyList<int> CreateIndexes,
    IReadOnlyList<(string Type, string Reason, string Message)> Events,
    TimeSpan? RequeueAfter);

/// <summary>
/// The pure half of pkg/controller/job/job_controller.go (syncJob, manageJob, trackJobStatusAndRemoveFinalizers) as
/// v1.35 runs it with JobPodReplacementPolicy and JobManagedBy on: finished pods are first recorded in
/// status.uncountedTerminatedPods, then lose the batch.kubernetes.io/job-tracking finalizer, then move to the counters;
/// a job first gets the interim SuccessCriteriaMet or FailureTarget condition and only gets Complete or Failed once
/// no pod is uncounted or terminating.
/// </summary>
public static class JobPlanner
{
    public static readonly TimeSpan DefaultPodFailureBackOff = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan MaxPodFailureBackOff = TimeSpan.FromMinutes(10);

    /// <summary>Step 1: finished pods that still hold the finalizer are recorded as uncounted (indexes, for Indexed jobs).</summary>
    public static JobTracking Track(JsonObject job, IReadOnlyList<JsonObject> pods)
    {
        var spec = JobSpecView.Of(job);
        var status = job["status"]?.DeepClone() as JsonObject ?? new JsonObject();
        var uncounted = Uncounted(status);
        var succeededUids = Uids(uncounted, "succeeded");
        var failedUids = Uids(uncounted, "failed");
        var completions = spec.Completions ?? 0;
        var indexes = spec.Indexed ? CompletedIndexes.Parse(status.Str("completedIndexes"), completions) : [];
        var jobGoing = PodFacts.IsTerminating(job) || JobConditions.IsTrue(job, JobConditions.FailureTarget);
        var changed = false;
        var remove = new List<JsonObject>();
        foreach (var pod in pods.Where(JobPods.HasTrackingFinalizer))
        {
            var uid = pod.Meta().Str("uid") ?? "";
            var succeeded = JobPods.IsSucceeded(pod);
            var failed = !succeeded && (JobPods.IsFailed(pod, job) || jobGoing && !PodFacts.IsActive(pod));
            if (!succeeded && !failed && !PodFacts.IsTerminating(job)) continue;
            remove.Add(pod);
            if (succeeded && !failedUids.Contains(uid))
            {
                if (spec.Indexed)
                {
                    var ix = JobPods.CompletionIndex(pod);
                    if (ix >= 0 && ix < completions) changed |= indexes.Add(ix);
                }
                else if (succeededUids.Add(uid)) changed = true;
            }
            else if (failed && !succeededUids.Contains(uid) && failedUids.Add(uid)) changed = true;
        }
        if (changed)
        {
            SetUids(uncounted, "succeeded", succeededUids);
            SetUids(uncounted, "failed", failedUids);
            if (spec.Indexed) SetCompletedIndexes(status, indexes);
        }
        return new JobTracking(status, changed, remove);
    }

    /// <summary>Step 2, after the finalizers went: counters, conditions, the pods to create or delete.</summary>
    public static JobPlan Plan(JsonObject job, IReadOnlyList<JsonObject> pods, DateTimeOffset now)
    {
        var spec = JobSpecView.Of(job);
        var stamp = Timestamp(now);
        var status = job["status"]?.DeepClone() as JsonObject ?? new JsonObject();
        var conditions = status["conditions"] as JsonArray ?? new JsonArray();
        var events = new List<(string, string, string)>();
        TimeSpan? requeue = null;

        // Uncounted pods whose finalizer is gone (or that are gone) move to the counters.
        var uncounted = Uncounted(status);
        var withFinalizer = pods.Where(JobPods.HasTrackingFinalizer).Select(p => p.Meta().Str("uid")).ToHashSet();
        var succeededCount = JsonNumber.Int(status["succeeded"], 0);
        var failedCount = JsonNumber.Int(status["failed"], 0);
        var uncountedSucceeded = Uids(uncounted, "succeeded");
        var uncountedFailed = Uids(uncounted, "failed");
        succeededCount += uncountedSucceeded.RemoveWhere(u => !withFinalizer.Contains(u));
        failedCount += uncountedFailed.RemoveWhere(u => !withFinalizer.Contains(u));
        SetUids(uncounted, "succeeded", uncountedSucceeded);
        SetUids(uncounted, "failed", uncountedFailed);
        var completions = spec.Completions ?? 0;
        var completed = spec.Indexed ? CompletedIndexes.Parse(status.Str("completedIndexes"), completions) : [];
        var succeeded = spec.Indexed ? completed.Count : succeededCount + uncountedSucceeded.Count;
        var failed = failedCount + uncountedFailed.Count;
        if (spec.Indexed) succeededCount = completed.Count;

        var active = pods.Where(PodFacts.IsActive).ToList();
        var terminating = pods.Count(JobPods.IsTerminating);
        var ready = active.Count(PodFacts.IsReady);
        if (status["startTime"] is null && !spec.Suspended) status["startTime"] = stamp;
        var startTime = PodFacts.Time(status["startTime"]);

        // The finished condition: kept from an earlier sync, or decided now.
        (string Type, string Reason, string Message)? finished = null;
        if (Conditions.Find(conditions, JobConditions.SuccessCriteriaMet) is { } met && met.Str("status") == "True")
            finished = (JobConditions.SuccessCriteriaMet, met.Str("reason") ?? "", met.Str("message") ?? "");
        else if (Conditions.Find(conditions, JobConditions.FailureTarget) is { } target && target.Str("status") == "True")
            finished = (JobConditions.FailureTarget, target.Str("reason") ?? "", target.Str("message") ?? "");
        else if (failed > spec.BackoffLimit || PastBackoffLimitOnFailure(spec, pods))
            finished = (JobConditions.FailureTarget, JobConditions.BackoffLimitExceeded, JobConditions.BackoffLimitExceededMessage);
        else if (spec.ActiveDeadlineSeconds is { } deadline && startTime is { } start && !spec.Suspended)
        {
            var left = start.AddSeconds(deadline) - now;
            if (left <= TimeSpan.Zero)
                finished = (JobConditions.FailureTarget, JobConditions.DeadlineExceeded, JobConditions.DeadlineExceededMessage);
            else requeue = left;
        }

        var delete = new List<JsonObject>();
        var keepFinalizer = false;
        var create = 0;
        var createIndexes = new List<int>();
        var activeCount = active.Count;
        if (finished is not null)
        {
            // deleteActivePods: the job is done; its running pods go and are counted as failed once terminated.
            delete.AddRange(active);
            keepFinalizer = true;
            terminating += active.Count;
            ready = 0;
            activeCount = 0;
        }
        else if (!PodFacts.IsTerminating(job))
        {
            if (spec.Suspended)
            {
                delete.AddRange(active);
                terminating += active.Count;
                ready -= active.Count(PodFacts.IsReady);
                activeCount = 0;
            }
            else
            {
                int wantActive = spec.Completions is { } c
                    ? Math.Max(0, Math.Min(c - succeeded, spec.Parallelism))
                    : succeeded > 0 ? activeCount : spec.Parallelism;
                var diff = activeCount - wantActive;
                if (diff > 0)
                {
                    var excess = PodFacts.InDeletionOrder(active).Take(diff).ToList();
                    delete.AddRange(excess);
                    terminating += excess.Count;
                    ready -= excess.Count(PodFacts.IsReady);
                    activeCount -= excess.Count;
                }
                else if (diff < 0)
                {
                    var missing = -diff;
                    if (spec.PodReplacementPolicy == "Failed") missing = Math.Max(0, missing - terminating);
                    var wait = BackoffRemaining(job, pods, now);
                    if (missing > 0 && wait > TimeSpan.Zero) requeue = Min(requeue, wait);
                    else if (missing > 0)
                    {
                        if (spec.Indexed)
                        {
                            var busy = active.Select(JobPods.CompletionIndex).ToHashSet();
                            createIndexes.AddRange(Enumerable.Range(0, completions).Where(i => !completed.Contains(i) && !busy.Contains(i)).Take(missing));
                            create = createIndexes.Count;
                        }
                        else create = missing;
                        activeCount += create;
                    }
                }
            }
            var complete = spec.Completions is { } total ? succeeded >= total && activeCount == 0 : succeeded > 0 && activeCount == 0;
            if (complete)
                finished = (JobConditions.SuccessCriteriaMet, JobConditions.CompletionsReached, JobConditions.CompletionsReachedMessage);
            else if (spec.Suspended)
            {
                if (JobConditions.Ensure(conditions, JobConditions.Suspended, "True", "JobSuspended", "Job suspended", stamp))
                    events.Add(("Normal", "Suspended", "Job suspended"));
            }
            else if (JobConditions.Ensure(conditions, JobConditions.Suspended, "False", "JobResumed", "Job resumed", stamp))
            {
                events.Add(("Normal", "Resumed", "Job resumed"));
                // A resumed job restarts its activeDeadlineSeconds clock.
                status["startTime"] = stamp;
            }
        }

        if (finished is { } f)
        {
            if (Conditions.Find(conditions, f.Type) is null) conditions.Add(JobConditions.New(f.Type, "True", f.Reason, f.Message, stamp));
            var final = f.Type == JobConditions.SuccessCriteriaMet ? JobConditions.Complete : JobConditions.Failed;
            // enactJobFinished: only once every pod is counted and none is terminating.
            if (uncountedSucceeded.Count + uncountedFailed.Count == 0 && terminating == 0)
            {
                JobConditions.Ensure(conditions, final, "True", f.Reason, f.Message, stamp);
                if (final == JobConditions.Complete)
                {
                    status["completionTime"] = Conditions.Find(conditions, final)!["lastTransitionTime"]!.DeepClone();
                    events.Add(("Normal", "Completed", "Job completed"));
                }
                else events.Add(("Warning", f.Reason, f.Message));
                requeue = null;
            }
        }

        if (conditions.Count > 0) status["conditions"] = conditions;
        SetCount(status, "active", activeCount);
        SetCount(status, "succeeded", succeededCount);
        SetCount(status, "failed", failedCount);
        status["terminating"] = terminating;
        status["ready"] = Math.Max(0, ready);
        return new JobPlan(status, delete, keepFinalizer, create, createIndexes, events, requeue);
    }

    /// <summary>
    /// The pod failure back-off (backoff_utils.go): 10s doubling per failure since the last success, at most 10 minutes,
    /// counted from the last failure. Returns how long new pods must still wait.
    /// </summary>
    public static TimeSpan BackoffRemaining(JsonObject job, IReadOnlyList<JsonObject> pods, DateTimeOffset now)
    {
        var lastSuccess = pods.Where(JobPods.IsSucceeded).Select(JobPods.FinishTime).Where(t => t is not null).Max();
        var failures = pods.Where(p => JobPods.IsFailed(p, job))
            .Select(p => JobPods.FinishTime(p) ?? now)
            .Where(t => lastSuccess is null || t > lastSuccess).ToList();
        if (failures.Count == 0) return TimeSpan.Zero;
        var delay = Backoff(failures.Count);
        var left = failures.Max() + delay - now;
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    public static TimeSpan Backoff(int failures)
    {
        if (failures <= 0) return TimeSpan.Zero;
        var delay = DefaultPodFailureBackOff;
        for (var i = 1; i < failures && delay < MaxPodFailureBackOff; i++) delay *= 2;
        return delay < MaxPodFailureBackOff ? delay : MaxPodFailureBackOff;
    }

    /// <summary>pastBackoffLimitOnFailure: with restartPolicy OnFailure, restarts of running and pending pods count as failures.</summary>
    private static bool PastBackoffLimitOnFailure(JobSpecView spec, IReadOnlyList<JsonObject> pods)
    {
        if (spec.RestartPolicy != "OnFailure") return false;
        long restarts = 0;
        foreach (var pod in pods.Where(p => PodFacts.Phase(p) is "Running" or "Pending"))
            foreach (var list in new[] { "initContainerStatuses", "containerStatuses" })
                restarts += (pod["status"]?[list] as JsonArray ?? []).OfType<JsonObject>().Sum(c => JsonNumber.Long(c["restartCount"]) ?? 0);
        return spec.BackoffLimit == 0 ? restarts > 0 : restarts >= spec.BackoffLimit;
    }

    private static TimeSpan? Min(TimeSpan? a, TimeSpan b) => a is { } x && x < b ? x : b;

    private static void SetCount(JsonObject status, string name, int value)
    {
        // int32 with omitempty.
        if (value == 0) status.Remove(name); else status[name] = value;
    }

    private static JsonObject Uncounted(JsonObject status)
    {
        if (status["uncountedTerminatedPods"] is not JsonObject uncounted) status["uncountedTerminatedPods"] = uncounted = new JsonObject();
        return uncounted;
    }

    private static HashSet<string> Uids(JsonObject uncounted, string name) =>
        [.. (uncounted[name] as JsonArray ?? []).Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>()];

    private static void SetUids(JsonObject uncounted, string name, HashSet<string> uids)
    {
        if (uids.Count == 0) uncounted.Remove(name);
        else uncounted[name] = new JsonArray([.. uids.Order(StringComparer.Ordinal).Select(u => (JsonNode)JsonValue.Create(u))]);
    }

    private static void SetCompletedIndexes(JsonObject status, IEnumerable<int> indexes)
    {
        var text = CompletedIndexes.Format(indexes);
        if (text.Length == 0) status.Remove("completedIndexes"); else status["completedIndexes"] = text;
    }

    private static string Timestamp(DateTimeOffset t) =>
        t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
