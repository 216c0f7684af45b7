using System.Text.Json.Nodes;
using Emulator.Domain.Errors;
using Emulator.Domain.Resources;
using Emulator.Domain.Workloads;
using Emulator.Domain.Workloads.Jobs;
using Emulator.Infrastructure.Controllers.Framework;
using Emulator.Infrastructure.Registry;
using Emulator.Infrastructure.Storage;
using Emulator.Infrastructure.Workloads;

namespace Emulator.Infrastructure.Batch;

/// <summary>
/// The cronjob controller (pkg/controller/cronjob/cronjob_controllerv2.go syncCronJob), level-triggered per cron job:
/// refreshes status.active from the jobs it owns, creates the job of the most recent due schedule time (named
/// "&lt;cronjob&gt;-&lt;minutes since epoch&gt;", so a repeated pass cannot run it twice), honours suspend,
/// startingDeadlineSeconds and concurrencyPolicy, prunes finished jobs beyond the history limits, and asks to be
/// looked at again at the next schedule time.
/// </summary>
public sealed class CronJobReconciler(GenericRegistry registry, BatchKinds batch, EventRecorder events, TimeProvider time)
    : IReconciler, IRequeueAfter
{
    private const string Component = "cronjob-controller";
    private Action<ObjectKey, TimeSpan>? _requeueAfter;

    public string Name => "cronjob";

    public IReadOnlyList<ResourceKey> Watches => [WorkloadKinds.KeyOf(batch.CronJobs), WorkloadKinds.KeyOf(batch.Jobs)];

    public TimeSpan ResyncPeriod => TimeSpan.FromSeconds(30);

    public void OnRequeue(Action<ObjectKey, TimeSpan> requeueAfter) => _requeueAfter = requeueAfter;

    public IEnumerable<ObjectKey> KeysFor(WatchEvent e)
    {
        if (e.Key.Resource == batch.CronJobs.Kind.Plural) return e.Type == "DELETED" ? [] : [e.Key];
        return WorkloadKinds.ControllerKeyOf(e.Object.Object, batch.CronJobs, e.Key.Namespace) is { } key ? [key] : [];
    }

    public IEnumerable<ObjectKey> AllKeys() =>
        registry.Store.List(WorkloadKinds.KeyOf(batch.CronJobs), null).Items
            .Select(c => WorkloadKinds.ObjectKeyOf(batch.CronJobs, c.Object.Namespace() ?? "", c.Object.Name()));

    public async Task ReconcileAsync(ObjectKey key, CancellationToken ct)
    {
        if (registry.Store.Get(key)?.Object is not { } cronJob || cronJob.Meta()["deletionTimestamp"] is not null) return;
        var uid = cronJob.Meta().Str("uid");
        var jobs = registry.Store.List(WorkloadKinds.KeyOf(batch.Jobs), key.Namespace).Items.Select(j => j.Object)
            .Where(j => PodFacts.IsControlledBy(j, uid)).ToList();
        var now = time.GetUtcNow();
        var status = cronJob["status"]?.DeepClone() as JsonObject ?? new JsonObject();
        await RefreshActiveAsync(cronJob, status, jobs, ct);

        var pruned = await PruneAsync(cronJob, jobs, ct);
        jobs = [.. jobs.Where(j => !pruned.Contains(j))];

        var spec = cronJob["spec"];
        if (spec?["suspend"] is JsonValue s && s.TryGetValue<bool>(out var suspended) && suspended)
        {
            await WriteStatusAsync(key, cronJob, status, ct);
            return;
        }
        var zoneName = spec.Str("timeZone");
        var zone = zoneName is null ? TimeZoneInfo.Utc : CronSchedule.FindZone(zoneName);
        if (zone is null)
        {
            await events.RecordAsync(cronJob, "Warning", "UnknownTimeZone", $"invalid timeZone: \"{zoneName}\": unknown time zone {zoneName}", Component, null, ct);
            await WriteStatusAsync(key, cronJob, status, ct);
            return;
        }
        CronSchedule schedule;
        try
        {
            schedule = CronSchedule.Parse(spec.Str("schedule") ?? "", zone);
        }
        catch (CronParseException e)
        {
            await events.RecordAsync(cronJob, "Warning", "UnparseableSchedule", $"unparseable schedule: \"{spec.Str("schedule")}\" : {e.Message}", Component, null, ct);
            await WriteStatusAsync(key, cronJob, status, ct);
            return;
        }
        zone = schedule.Zone;

        var withStatus = (JsonObject)cronJob.DeepClone();
        withStatus["status"] = status;
        var (scheduled, missed) = CronJobPlanner.MostRecent(withStatus, schedule, now);
        if (missed > CronJobPlanner.MaxMissedStartTimes)
            await events.RecordAsync(cronJob, "Warning", "TooManyMissedTimes",
                $"too many missed start times: {missed}. Set or decrease .spec.startingDeadlineSeconds or check clock skew", Component, null, ct);
        if (scheduled is { } at)
        {
            var name = CronJobPlanner.JobName(cronJob.Name(), at);
            // Already processed: its job is listed or exists, or it is the recorded lastScheduleTime.
            var exists = jobs.Any(j => j.Name() == name) || Active(status).Any(r => r.Str("name") == name)
                || PodFacts.Time(status["lastScheduleTime"]) == at;
            switch (CronJobPlanner.Decide(cronJob, at, now, exists, Active(status).Count))
            {
                case CronRunDecision.Missed:
                    await events.RecordAsync(cronJob, "Warning", "MissSchedule",
                        $"Missed scheduled time to start a job: {at.UtcDateTime.ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", System.Globalization.CultureInfo.InvariantCulture)}", Component, null, ct);
                    break;
                case CronRunDecision.Forbidden:
                    await events.RecordAsync(cronJob, "Normal", "JobAlreadyActive",
                        "Not starting job because prior execution is running and concurrency policy is Forbid", Component, null, ct);
                    break;
                case CronRunDecision.Create:
                    if (spec.Str("concurrencyPolicy") == "Replace")
                    {
                        foreach (var reference in Active(status))
                        {
                            await DeleteJobAsync(cronJob, reference.Str("name") ?? "", reference.Str("uid"), ct);
                            ((JsonArray)status["active"]!).Remove(reference);
                        }
                    }
                    if (await CreateJobAsync(cronJob, at, zone, ct) is { } created)
                    {
                        if (status["active"] is not JsonArray active) status["active"] = active = new JsonArray();
                        active.Add(CronJobPlanner.Reference(created));
                        status["lastScheduleTime"] = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
                    }
                    break;
            }
        }
        if (Active(status).Count == 0) status.Remove("active");
        await WriteStatusAsync(key, cronJob, status, ct);
        if (schedule.Next(now) is { } next) _requeueAfter?.Invoke(key, next - now + TimeSpan.FromMilliseconds(100));
    }

    private static List<JsonObject> Active(JsonObject status) => [.. (status["active"] as JsonArray ?? []).OfType<JsonObject>()];

    /// <summary>
    /// syncCronJob's pass over the owned jobs: finished ones leave status.active (SawCompletedJob), references to jobs
    /// that are gone are dropped, an unfinished job missing from the list is only reported (UnexpectedJob), and finished
    /// jobs outside the list move lastSuccessfulTime forward.
    /// </summary>
    private async Task RefreshActiveAsync(JsonObject cronJob, JsonObject status, IReadOnlyList<JsonObject> jobs, CancellationToken ct)
    {
        var listed = Active(status);
        var active = new JsonArray();
        foreach (var reference in listed)
        {
            var job = jobs.FirstOrDefault(j => j.Meta().Str("uid") == reference.Str("uid"));
            if (job is null) continue;
            if (!JobConditions.IsFinished(job))
            {
                active.Add(reference.DeepClone());
                continue;
            }
            var condition = JobConditions.IsTrue(job, JobConditions.Complete) ? JobConditions.Complete : JobConditions.Failed;
            await events.RecordAsync(cronJob, "Normal", "SawCompletedJob", $"Saw completed job: {job.Name()}, condition: {condition}", Component, null, ct);
        }
        foreach (var job in jobs)
        {
            var inList = listed.Any(r => r.Str("uid") == job.Meta().Str("uid"));
            if (!inList && !JobConditions.IsFinished(job))
                await events.RecordAsync(cronJob, "Warning", "UnexpectedJob", $"Saw a job that the controller did not create or forgot: {job.Name()}", Component, null, ct);
            else if (!inList && job["status"]?["completionTime"] is { } completion
                && (PodFacts.Time(status["lastSuccessfulTime"]) is not { } last || PodFacts.Time(completion) > last))
                status["lastSuccessfulTime"] = completion.DeepClone();
        }
        status["active"] = active;
    }

    private async Task<HashSet<JsonObject>> PruneAsync(JsonObject cronJob, IReadOnlyList<JsonObject> jobs, CancellationToken ct)
    {
        var prune = CronJobPlanner.JobsToPrune(cronJob, jobs);
        foreach (var job in prune) await DeleteJobAsync(cronJob, job.Name(), job.Meta().Str("uid"), ct);
        return [.. prune];
    }

    private async Task<JsonObject?> CreateJobAsync(JsonObject cronJob, DateTimeOffset at, TimeZoneInfo zone, CancellationToken ct)
    {
        try
        {
            var created = await registry.CreateAsync(batch.Jobs, cronJob.Namespace(), CronJobPlanner.JobFromTemplate(cronJob, at, zone), dryRun: false, ct);
            var job = created.Object.Object;
            await events.RecordAsync(cronJob, "Normal", "SuccessfulCreate", $"Created job {job.Name()}", Component, null, ct);
            return job;
        }
        catch (StatusException e) when (e.Reason == "AlreadyExists")
        {
            return null;
        }
        catch (StatusException e)
        {
            await events.RecordAsync(cronJob, "Warning", "FailedCreate", $"Error creating job: {e.Message}", Component, null, ct);
            return null;
        }
    }

    private async Task DeleteJobAsync(JsonObject cronJob, string name, string? uid, CancellationToken ct)
    {
        try
        {
            await registry.DeleteAsync(batch.Jobs, cronJob.Namespace(), name, new DeleteOptions(PreconditionUid: uid, PropagationPolicy: "Background"), ct);
            await events.RecordAsync(cronJob, "Normal", "SuccessfulDelete", $"Deleted job {name}", Component, null, ct);
        }
        catch (StatusException e) when (e.Code is 404 or 409)
        {
        }
    }

    private async Task WriteStatusAsync(ObjectKey key, JsonObject cronJob, JsonObject status, CancellationToken ct)
    {
        if (JsonNode.DeepEquals(status, cronJob["status"] ?? new JsonObject())) return;
        try
        {
            await registry.GuaranteedUpdateAsync(batch.CronJobs, key.Namespace, key.Name, "status", dryRun: false, current =>
            {
                if (current.Meta().Str("uid") != cronJob.Meta().Str("uid")) throw StatusException.Conflict(batch.CronJobs.Kind, key.Name);
                current["status"] = status.DeepClone();
                return current;
            }, ct);
        }
        catch (StatusException e) when (e.Code == 404)
        {
        }
    }
}
