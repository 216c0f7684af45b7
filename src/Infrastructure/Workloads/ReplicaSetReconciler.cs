using System.Text.Json.Nodes;
using Emulator.Domain.Errors;
using Emulator.Domain.Resources;
using Emulator.Domain.Workloads;
using Emulator.Infrastructure.Controllers.Framework;
using Emulator.Infrastructure.Registry;
using Emulator.Infrastructure.Storage;

namespace Emulator.Infrastructure.Workloads;

/// <summary>
/// kube-controller-manager's replicaset controller (pkg/controller/replicaset/replica_set.go): keeps as many active
/// pods as spec.replicas, named from generateName "&lt;rs&gt;-", owned by the set, and writes the set's status through
/// /status. Expectations guard against acting twice on creates and deletes not yet visible (ControllerExpectations).
/// </summary>
public sealed class ReplicaSetReconciler(GenericRegistry registry, WorkloadKinds kinds, EventRecorder events, TimeProvider time) : IReconciler
{
    private const string Component = "replicaset-controller";
    private const int BurstReplicas = 500;
    private readonly ControllerExpectations<ObjectKey> _expectations = new(time);

    public string Name => "replicaset";

    public IReadOnlyList<ResourceKey> Watches => [WorkloadKinds.KeyOf(kinds.ReplicaSets), WorkloadKinds.KeyOf(kinds.Pods)];

    public TimeSpan ResyncPeriod => TimeSpan.FromSeconds(30);

    public IEnumerable<ObjectKey> KeysFor(WatchEvent e)
    {
        if (e.Key.Resource == kinds.ReplicaSets.Kind.Plural) return [e.Key];
        if (WorkloadKinds.ControllerKeyOf(e.Object.Object, kinds.ReplicaSets, e.Key.Namespace) is not { } key) return [];
        // A pod the set asked for has arrived or gone: the expectation is met (CreationObserved / DeletionObserved).
        if (e.Type == "ADDED") _expectations.CreationObserved(key);
        if (e.Type == "DELETED" || (e.Type == "MODIFIED" && e.Previous is { } p && !PodFacts.IsTerminating(p.Object) && PodFacts.IsTerminating(e.Object.Object)))
            _expectations.DeletionObserved(key);
        return [key];
    }

    public IEnumerable<ObjectKey> AllKeys() =>
        registry.Store.List(WorkloadKinds.KeyOf(kinds.ReplicaSets), null).Items
            .Select(rs => WorkloadKinds.ObjectKeyOf(kinds.ReplicaSets, rs.Object.Namespace() ?? "", rs.Object.Name()));

    public async Task ReconcileAsync(ObjectKey key, CancellationToken ct)
    {
        var stored = registry.Store.Get(key);
        if (stored is null)
        {
            _expectations.Forget(key);
            return;
        }
        var rs = stored.Object;
        var uid = rs.Meta().Str("uid");
        var owned = OwnedPods(key.Namespace, uid);
        var active = owned.Where(PodFacts.IsActive).ToList();
        if (!PodFacts.IsTerminating(rs) && _expectations.Satisfied(key))
        {
            var diff = ReplicaSetPlanner.Diff(ReplicaSetView.Int(rs["spec"]?["replicas"], 1), active.Count);
            if (diff > 0) await CreatePodsAsync(key, rs, diff, ct);
            else if (diff < 0) await DeletePodsAsync(key, rs, PodFacts.InDeletionOrder(active).Take(-diff).ToList(), ct);
            active = OwnedPods(key.Namespace, uid).Where(PodFacts.IsActive).ToList();
        }
        await WriteStatusAsync(key, rs, active, ct);
    }

    private List<JsonObject> OwnedPods(string ns, string? uid) =>
        [.. registry.Store.List(WorkloadKinds.KeyOf(kinds.Pods), ns).Items.Select(p => p.Object).Where(p => PodFacts.IsControlledBy(p, uid))];

    /// <summary>
    /// slowStartBatch: creates in batches of 1, 2, 4, ... running in parallel, stopping at the first batch with a
    /// failure (a quota or admission refusal then costs one request, not hundreds); at most BurstReplicas per pass.
    /// </summary>
    private async Task CreatePodsAsync(ObjectKey key, JsonObject rs, int count, CancellationToken ct)
    {
        count = Math.Min(count, BurstReplicas);
        _expectations.ExpectCreations(key, count);
        var remaining = count;
        for (var batch = Math.Min(remaining, 1); batch > 0; batch = Math.Min(2 * batch, remaining))
        {
            var outcomes = await Task.WhenAll(Enumerable.Range(0, batch).Select(_ => CreatePodAsync(key, rs, ct)));
            remaining -= batch;
            if (outcomes.All(ok => ok)) continue;
            // The creations not attempted will not happen: lower the expectation so the next pass may retry.
            _expectations.LowerCreations(key, remaining);
            return;
        }
    }

    private async Task<bool> CreatePodAsync(ObjectKey key, JsonObject rs, CancellationToken ct)
    {
        try
        {
            var created = await registry.CreateAsync(kinds.Pods, key.Namespace, ReplicaSetPlanner.PodFromTemplate(rs), dryRun: false, ct);
            await events.RecordAsync(rs, "Normal", "SuccessfulCreate", $"Created pod: {created.Object.Object.Name()}", Component, null, ct);
            return true;
        }
        catch (StatusException e)
        {
            _expectations.LowerCreations(key, 1);
            await events.RecordAsync(rs, "Warning", "FailedCreate", $"Error creating: {e.Message}", Component, null, ct);
            return false;
        }
    }

    private async Task DeletePodsAsync(ObjectKey key, JsonObject rs, IReadOnlyList<JsonObject> pods, CancellationToken ct)
    {
        _expectations.ExpectDeletions(key, pods.Count);
        foreach (var pod in pods)
        {
            try
            {
                await registry.DeleteAsync(kinds.Pods, key.Namespace, pod.Name(), new DeleteOptions(PreconditionUid: pod.Meta().Str("uid")), ct);
                await events.RecordAsync(rs, "Normal", "SuccessfulDelete", $"Deleted pod: {pod.Name()}", Component, null, ct);
            }
            catch (StatusException e) when (e.Code is 404 or 409)
            {
                _expectations.DeletionObserved(key);
            }
        }
    }

    private async Task WriteStatusAsync(ObjectKey key, JsonObject rs, IReadOnlyList<JsonObject> active, CancellationToken ct)
    {
        var status = ReplicaSetPlanner.Status(rs, active, time.GetUtcNow());
        if (JsonNode.DeepEquals(status, rs["status"])) return;
        try
        {
            await registry.GuaranteedUpdateAsync(kinds.ReplicaSets, key.Namespace, key.Name, "status", dryRun: false, current =>
            {
                if (current.Meta().Str("uid") != rs.Meta().Str("uid")) throw StatusException.Conflict(kinds.ReplicaSets.Kind, key.Name);
                current["status"] = ReplicaSetPlanner.Status(current, active, time.GetUtcNow());
                return current;
            }, ct);
        }
        catch (StatusException e) when (e.Code == 404)
        {
        }
    }
}
