using System.Globalization;
using System.Text.Json.Nodes;
using Emulator.Domain.Resources;

namespace Emulator.Domain.Workloads.Jobs;

/// <summary>What syncCronJob does about a due schedule time.</summary>
public enum CronRunDecision
{
    /// <summary>startingDeadlineSeconds passed: the run is missed (MissSchedule).</summary>
    Missed,

    /// <summary>The job for this time exists already.</summary>
    AlreadyRan,

    /// <summary>concurrencyPolicy Forbid and a job still runs (JobAlreadyActive).</summary>
    Forbidden,

    /// <summary>Create the job (after deleting the active ones under Replace).</summary>
    Create,
}

/// <summary>The pure half of pkg/controller/cronjob (cronjob_controllerv2.go, utils.go): which run is due, the job it makes, what to prune.</summary>
public static class CronJobPlanner
{
    public const string ScheduledTimestampAnnotation = "batch.kubernetes.io/cronjob-scheduled-timestamp";

    // More missed start times than this and the controller refuses to catch up (utils.go).
    public const int MaxMissedStartTimes = 100;

    /// <summary>The decision for the due time <paramref name="scheduled"/>, in the controller's order of checks.</summary>
    public static CronRunDecision Decide(JsonObject cronJob, DateTimeOffset scheduled, DateTimeOffset now, bool jobExists, int active)
    {
        if (JsonNumber.Long(cronJob["spec"]?["startingDeadlineSeconds"]) is { } deadline && scheduled.AddSeconds(deadline) < now) return CronRunDecision.Missed;
        if (jobExists) return CronRunDecision.AlreadyRan;
        if (cronJob["spec"].Str("concurrencyPolicy") == "Forbid" && active > 0) return CronRunDecision.Forbidden;
        return CronRunDecision.Create;
    }

    /// <summary>getJobName: the cron job's name and the scheduled time in minutes since the epoch.</summary>
    public static string JobName(string cronJobName, DateTimeOffset scheduled) =>
        $"{cronJobName}-{(scheduled.ToUnixTimeSeconds() / 60).ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// nextScheduleTime: the most recent activation in (earliest, now], where earliest is the last schedule time (or
    /// creation) moved up to now - startingDeadlineSeconds; null when none is due. Missed counts the activations.
    /// </summary>
    public static (DateTimeOffset? Scheduled, int Missed) MostRecent(JsonObject cronJob, CronSchedule schedule, DateTimeOffset now)
    {
        var earliest = PodFacts.Time(cronJob["status"]?["lastScheduleTime"]) ?? PodFacts.Time(cronJob.Meta()["creationTimestamp"]) ?? now;
        if (JsonNumber.Long(cronJob["spec"]?["startingDeadlineSeconds"]) is { } deadline)
        {
            var schedulingDeadline = now.AddSeconds(-deadline);
            if (schedulingDeadline > earliest) earliest = schedulingDeadline;
        }
        if (earliest > now) return (null, 0);
        DateTimeOffset? last = null;
        var missed = 0;
        for (var t = schedule.Next(earliest); t is { } at && at <= now; t = schedule.Next(at))
        {
            last = at;
            if (++missed > MaxMissedStartTimes) break;
        }
        return (last, missed);
    }

    /// <summary>getJobFromTemplate2: labels, annotations and spec from jobTemplate, the scheduled-timestamp annotation, the controllerRef.</summary>
    public static JsonObject JobFromTemplate(JsonObject cronJob, DateTimeOffset scheduled, TimeZoneInfo zone)
    {
        var template = cronJob["spec"]?["jobTemplate"] as JsonObject ?? new JsonObject();
        var meta = new JsonObject { ["name"] = JobName(cronJob.Name(), scheduled), ["namespace"] = cronJob.Namespace() };
        if (template["metadata"]?["labels"] is JsonObject labels) meta["labels"] = labels.DeepClone();
        var annotations = template["metadata"]?["annotations"]?.DeepClone() as JsonObject ?? new JsonObject();
        annotations[ScheduledTimestampAnnotation] = TimeZoneInfo.ConvertTime(scheduled, zone).ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture)
            .Replace("+00:00", "Z", StringComparison.Ordinal);
        meta["annotations"] = annotations;
        meta["ownerReferences"] = PodFacts.OwnerReferences(cronJob);
        return new JsonObject
        {
            ["apiVersion"] = "batch/v1", ["kind"] = "Job", ["metadata"] = meta,
            ["spec"] = template["spec"]?.DeepClone() ?? new JsonObject(),
        };
    }

    /// <summary>The ObjectReference status.active holds for a job.</summary>
    public static JsonObject Reference(JsonObject job) => new()
    {
        ["kind"] = "Job", ["namespace"] = job.Namespace(), ["name"] = job.Name(), ["uid"] = job.Meta().Str("uid"),
        ["apiVersion"] = "batch/v1", ["resourceVersion"] = job.ResourceVersion(),
    };

    /// <summary>
    /// cleanupFinishedJobs: the finished jobs beyond successfulJobsHistoryLimit / failedJobsHistoryLimit, oldest first
    /// (by start time, then creation).
    /// </summary>
    public static IReadOnlyList<JsonObject> JobsToPrune(JsonObject cronJob, IReadOnlyList<JsonObject> jobs)
    {
        var spec = cronJob["spec"];
        var result = new List<JsonObject>();
        Prune(jobs.Where(j => JobConditions.IsTrue(j, JobConditions.Complete)), JsonNumber.Long(spec?["successfulJobsHistoryLimit"]));
        Prune(jobs.Where(j => JobConditions.IsTrue(j, JobConditions.Failed)), JsonNumber.Long(spec?["failedJobsHistoryLimit"]));
        return result;

        void Prune(IEnumerable<JsonObject> finished, long? limit)
        {
            if (limit is not { } keep) return;
            var ordered = finished.OrderBy(j => PodFacts.Time(j["status"]?["startTime"]) ?? PodFacts.Time(j.Meta()["creationTimestamp"]) ?? DateTimeOffset.MinValue)
                .ThenBy(j => j.Name(), StringComparer.Ordinal).ToList();
            result.AddRange(ordered.Take(Math.Max(0, ordered.Count - (int)keep)));
        }
    }
}
