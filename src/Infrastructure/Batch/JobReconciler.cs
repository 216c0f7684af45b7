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
/// kube-controller-manager's job controller (pkg/controller/job/job_controller.go), level-triggered per job:
/// 1. finished pods still holding batch.kubernetes.io/job-tracking are written to status.uncountedTerminatedPods,
/// 2. then lose the finalizer,
/// 3. then move into the succeeded/failed counters while pods are created or deleted and conditions set
///    (<see cref="JobPlanner"/>). Every write goes through the registry; time-driven changes (pod failure
///    back-off, activeDeadlineSeconds) are looked at again through <see cref="IRequeueAfter"/>.
/// </summary>
public sealed class JobReconciler(GenericRegistry registry, WorkloadKinds kinds, BatchKinds batch, EventRecorder events, TimeProvider time)
    : IReconciler, IRequeueAfter
{
    private const string Component = "job-controller";
    private Action<ObjectKey, TimeSpan>? _requeueAfter;

    public string Name => "job";

    public IReadOnlyList<ResourceKey> Watches => [WorkloadKinds.KeyOf(batch.Jobs), WorkloadKinds.KeyOf(kinds.Pods)];

    public TimeSpan ResyncPeriod => TimeSpan.FromSeconds(30);

    public void OnRequeue(Action<ObjectKey, TimeSpan> requeueAfter) => _requeueAfter = requeueAfter;

    public IEnumerable<ObjectKey> KeysFor(WatchEvent e)
    {
        if (e.Key.Resource == batch.Jobs.Kind.Plural) return [e.Key];
        var pod = e.Object.Object;
        if (WorkloadKinds.ControllerKeyOf(pod, batch.Jobs, e.Key.Namespace) is { } key) return [key];
        // An orphaned pod still holding the tracking finalizer: its job (by label) lets it go.
        if (JobPods.HasTrackingFinalizer(pod) && pod.Labels().TryGetValue("batch.kubernetes.io/job-name", out var jobName))
            return [WorkloadKinds.ObjectKeyOf(batch.Jobs, e.Key.Namespace, jobName)];
        return [];
    }

    public IEnumerable<ObjectKey> AllKeys() =>
        registry.Store.List(WorkloadKinds.KeyOf(batch.Jobs), null).Items
            .Select(j => WorkloadKinds.ObjectKeyOf(batch.Jobs, j.Object.Namespace() ?? "", j.Object.Name()));

    public async Task ReconcileAsync(ObjectKey key, CancellationToken ct)
    {
        var job = registry.Store.Get(key)?.Object;
        if (job is null)
        {
            await ReleaseOrphansAsync(key, null, ct);
            return;
        }
        var uid = job.Meta().Str("uid");
        await ReleaseOrphansAsync(key, uid, ct);
        if (job["spec"].Str("managedBy") is { } managedBy && managedBy != "kubernetes.io/job-controller") return;
        if (JobConditions.IsFinished(job))
        {
            // Counted already; a pod that kept its finalizer (a failed removal) is let go now.
            foreach (var pod in OwnedPods(key.Namespace, uid).Where(JobPods.HasTrackingFinalizer)) await RemoveFinalizerAsync(pod, ct);
            return;
        }

        var pods = OwnedPods(key.Namespace, uid);
        var tracking = JobPlanner.Track(job, pods);
        if (tracking.Changed)
        {
            if (await WriteStatusAsync(key, uid, tracking.Status, ct) is not { } flushed) return;
            job = flushed;
        }
        foreach (var pod in tracking.RemoveFinalizer) await RemoveFinalizerAsync(pod, ct);
        if (tracking.RemoveFinalizer.Count > 0) pods = OwnedPods(key.Namespace, uid);

        var plan = JobPlanner.Plan(job, pods, time.GetUtcNow());
        foreach (var pod in plan.Delete) await DeletePodAsync(job, pod, plan.DeleteKeepsFinalizer, ct);
        var created = 0;
        if (plan.CreateIndexes.Count > 0)
            foreach (var index in plan.CreateIndexes) created += await CreatePodAsync(job, index, ct) ? 1 : 0;
        else
            for (var i = 0; i < plan.Create; i++) created += await CreatePodAsync(job, null, ct) ? 1 : 0;
        var status = plan.Status;
        if (created < plan.Create)
            status["active"] = JsonNumber.Int(status["active"], 0) - (plan.Create - created);
        if (!JsonNode.DeepEquals(status, job["status"]))
        {
            if (await WriteStatusAsync(key, uid, status, ct) is not { } written) return;
            job = written;
        }
        foreach (var (type, reason, message) in plan.Events) await events.RecordAsync(job, type, reason, message, Component, null, ct);
        if (plan.RequeueAfter is { } after) _requeueAfter?.Invoke(key, after + TimeSpan.FromMilliseconds(100));
    }

    private List<JsonObject> OwnedPods(string ns, string? uid) =>
        [.. registry.Store.List(WorkloadKinds.KeyOf(kinds.Pods), ns).Items.Select(p => p.Object).Where(p => PodFacts.IsControlledBy(p, uid))];

    /// <summary>Pods that hold the tracking finalizer for a job that is gone (or was replaced by one with another uid).</summary>
    private async Task ReleaseOrphansAsync(ObjectKey key, string? liveUid, CancellationToken ct)
    {
        var orphans = registry.Store.List(WorkloadKinds.KeyOf(kinds.Pods), key.Namespace).Items.Select(p => p.Object)
            .Where(JobPods.HasTrackingFinalizer)
            .Where(p => PodFacts.ControllerRef(p) is { } owner
                ? owner.Str("kind") == "Job" && owner.Str("name") == key.Name && owner.Str("uid") != liveUid
                : p.Labels().GetValueOrDefault("batch.kubernetes.io/job-name") == key.Name)
            .ToList();
        foreach (var pod in orphans) await RemoveFinalizerAsync(pod, ct);
    }

    private async Task<bool> CreatePodAsync(JsonObject job, int? index, CancellationToken ct)
    {
        try
        {
            var created = await registry.CreateAsync(kinds.Pods, job.Namespace(), JobPods.FromTemplate(job, index), dryRun: false, ct);
            await events.RecordAsync(job, "Normal", "SuccessfulCreate", $"Created pod: {created.Object.Object.Name()}", Component, null, ct);
            return true;
        }
        catch (StatusException e)
        {
            await events.RecordAsync(job, "Warning", "FailedCreate", $"Error creating: {e.Message}", Component, null, ct);
            return false;
        }
    }

    /// <summary>
    /// deleteActivePods keeps the finalizer so the pod is counted as failed once it terminates; deleteJobPods (suspend,
    /// excess parallelism) removes it first so the pod is not counted at all.
    /// </summary>
    private async Task DeletePodAsync(JsonObject job, JsonObject pod, bool keepFinalizer, CancellationToken ct)
    {
        try
        {
            if (!keepFinalizer) await RemoveFinalizerAsync(pod, ct);
            await registry.DeleteAsync(kinds.Pods, pod.Namespace(), pod.Name(), new DeleteOptions(PreconditionUid: pod.Meta().Str("uid")), ct);
            await events.RecordAsync(job, "Normal", "SuccessfulDelete", $"Deleted pod: {pod.Name()}", Component, null, ct);
        }
        catch (StatusException e) when (e.Code is 404 or 409)
        {
        }
    }

    private async Task RemoveFinalizerAsync(JsonObject pod, CancellationToken ct)
    {
        try
        {
            await registry.GuaranteedUpdateAsync(kinds.Pods, pod.Namespace(), pod.Name(), null, dryRun: false, current =>
            {
                if (current.Meta().Str("uid") != pod.Meta().Str("uid")) throw StatusException.Conflict(kinds.Pods.Kind, pod.Name());
                if (current.Meta()["finalizers"] is JsonArray finalizers)
                {
                    foreach (var f in finalizers.Where(f => f is JsonValue v && v.ToString() == JobPods.TrackingFinalizer).ToList()) finalizers.Remove(f);
                    if (finalizers.Count == 0) current.Meta().Remove("finalizers");
                }
                return current;
            }, ct);
        }
        catch (StatusException e) when (e.Code is 404 or 409)
        {
        }
    }

    private async Task<JsonObject?> WriteStatusAsync(ObjectKey key, string? uid, JsonObject status, CancellationToken ct)
    {
        try
        {
            var result = await registry.GuaranteedUpdateAsync(batch.Jobs, key.Namespace, key.Name, "status", dryRun: false, current =>
            {
                if (current.Meta().Str("uid") != uid) throw StatusException.Conflict(batch.Jobs.Kind, key.Name);
                current["status"] = status.DeepClone();
                return current;
            }, ct);
            return result.Object.Object;
        }
        catch (StatusException e) when (e.Code == 404)
        {
            return null;
        }
    }
}
