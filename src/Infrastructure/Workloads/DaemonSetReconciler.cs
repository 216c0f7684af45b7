using System.Text.Json.Nodes;
using Emulator.Domain.Errors;
using Emulator.Domain.Resources;
using Emulator.Domain.Workloads;
using Emulator.Infrastructure.Controllers.Framework;
using Emulator.Infrastructure.Registry;
using Emulator.Infrastructure.Storage;

namespace Emulator.Infrastructure.Workloads;

/// <summary>
/// kube-controller-manager's daemonset controller (pkg/controller/daemon): the current ControllerRevision (created or
/// renumbered), one pod per eligible node pinned there by node affinity (<see cref="DaemonSetPlanner"/>), the
/// RollingUpdate replacements within maxUnavailable/maxSurge (OnDelete waits for the user), history cleanup, and the
/// status through /status. Node changes re-examine every set.
/// </summary>
public sealed class DaemonSetReconciler(GenericRegistry registry, WorkloadKinds kinds, EventRecorder events, TimeProvider time) : IReconciler
{
    private const string Component = "daemonset-controller";
    private readonly ResourceDefinition _daemonSets = registry.Catalog.Get("apps", "DaemonSet");
    private readonly ResourceDefinition _revisions = registry.Catalog.Get("apps", "ControllerRevision");
    private readonly ControllerExpectations<ObjectKey> _expectations = new(time);

    public string Name => "daemonset";

    public IReadOnlyList<ResourceKey> Watches =>
        [WorkloadKinds.KeyOf(_daemonSets), WorkloadKinds.KeyOf(kinds.Pods), WorkloadKinds.KeyOf(kinds.Nodes), WorkloadKinds.KeyOf(_revisions)];

    public TimeSpan ResyncPeriod => TimeSpan.FromSeconds(30);

    public IEnumerable<ObjectKey> KeysFor(WatchEvent e)
    {
        if (e.Key.Resource == _daemonSets.Kind.Plural) return [e.Key];
        if (e.Key.Resource == kinds.Nodes.Kind.Plural) return AllKeys();
        if (WorkloadKinds.ControllerKeyOf(e.Object.Object, _daemonSets, e.Key.Namespace) is not { } key) return [];
        if (e.Key.Resource == kinds.Pods.Kind.Plural)
        {
            if (e.Type == "ADDED") _expectations.CreationObserved(key);
            if (e.Type == "DELETED" || (e.Type == "MODIFIED" && e.Previous is { } p && !PodFacts.IsTerminating(p.Object) && PodFacts.IsTerminating(e.Object.Object)))
                _expectations.DeletionObserved(key);
        }
        return [key];
    }

    public IEnumerable<ObjectKey> AllKeys() =>
        registry.Store.List(WorkloadKinds.KeyOf(_daemonSets), null).Items
            .Select(ds => WorkloadKinds.ObjectKeyOf(_daemonSets, ds.Object.Namespace() ?? "", ds.Object.Name()));

    public async Task ReconcileAsync(ObjectKey key, CancellationToken ct)
    {
        if (registry.Store.Get(key)?.Object is not { } ds)
        {
            _expectations.Forget(key);
            return;
        }
        if (PodFacts.IsTerminating(ds)) return;
        var uid = ds.Meta().Str("uid");
        var nodes = registry.Store.List(WorkloadKinds.KeyOf(kinds.Nodes), null).Items.Select(n => n.Object).ToList();
        var current = await CurrentRevisionAsync(key, ds, ct);
        if (current is null) return;
        var hash = current.Labels().GetValueOrDefault(DaemonSetPlanner.RevisionHashLabel) ?? "";
        if (_expectations.Satisfied(key))
        {
            var pods = OwnedPods(key.Namespace, uid);
            var plan = DaemonSetPlanner.Manage(ds, nodes, pods);
            if (plan.IsEmpty && ds["spec"]?["updateStrategy"].Str("type") == "RollingUpdate")
                plan = DaemonSetPlanner.RollingUpdate(ds, nodes, pods, hash, time.GetUtcNow());
            await SyncNodesAsync(key, ds, plan, hash, ct);
            await CleanupHistoryAsync(ds, uid, ct);
        }
        await WriteStatusAsync(key, ds, nodes, hash, ct);
    }

    private List<JsonObject> OwnedPods(string ns, string? uid) =>
        [.. registry.Store.List(WorkloadKinds.KeyOf(kinds.Pods), ns).Items.Select(p => p.Object).Where(p => PodFacts.IsControlledBy(p, uid))];

    private List<JsonObject> OwnedRevisions(string ns, string? uid) =>
        [.. registry.Store.List(WorkloadKinds.KeyOf(_revisions), ns).Items.Select(r => r.Object).Where(r => PodFacts.IsControlledBy(r, uid))];

    /// <summary>
    /// constructHistory(): the revision whose data matches the template, renumbered past every other revision (an undo
    /// brings an old one back to the top), or a new snapshot. A name taken by a different template bumps
    /// status.collisionCount and the next pass hashes again, as snapshot() does.
    /// </summary>
    private async Task<JsonObject?> CurrentRevisionAsync(ObjectKey key, JsonObject ds, CancellationToken ct)
    {
        var all = OwnedRevisions(key.Namespace, ds.Meta().Str("uid"));
        var matching = all.Where(r => DaemonSetHistory.Matches(ds, r)).OrderByDescending(DaemonSetHistory.Revision).ToList();
        var next = all.Except(matching).Select(DaemonSetHistory.Revision).DefaultIfEmpty(0).Max() + 1;
        try
        {
            if (matching.Count > 0)
            {
                var current = matching[0];
                foreach (var duplicate in matching.Skip(1))
                    await registry.DeleteAsync(_revisions, key.Namespace, duplicate.Name(), new DeleteOptions(PreconditionUid: duplicate.Meta().Str("uid")), ct);
                if (DaemonSetHistory.Revision(current) >= next) return current;
                var renumbered = await registry.GuaranteedUpdateAsync(_revisions, key.Namespace, current.Name(), null, dryRun: false, r =>
                {
                    r["revision"] = next;
                    return r;
                }, ct);
                return renumbered.Object.Object;
            }
            var collisions = JsonNumber.Long(ds["status"]?["collisionCount"]);
            var revision = DaemonSetHistory.NewRevision(ds, DaemonSetHistory.Hash(ds, collisions), next);
            if (registry.Get(_revisions, key.Namespace, revision.Name()) is { } taken && !DaemonSetHistory.Matches(ds, taken.Object))
            {
                await registry.GuaranteedUpdateAsync(_daemonSets, key.Namespace, key.Name, "status", dryRun: false, current =>
                {
                    if (current["status"] is not JsonObject status) current["status"] = status = new JsonObject();
                    status["collisionCount"] = (JsonNumber.Long(status["collisionCount"]) ?? 0) + 1;
                    return current;
                }, ct);
                return null;
            }
            return (await registry.CreateAsync(_revisions, key.Namespace, revision, dryRun: false, ct)).Object.Object;
        }
        catch (StatusException e) when (e.Code is 404 or 409)
        {
            // The set or a revision changed under us; its watch event brings the key back.
            return null;
        }
    }

    /// <summary>syncNodes(): creates pinned pods and deletes pods, recording what is in flight as expectations.</summary>
    private async Task SyncNodesAsync(ObjectKey key, JsonObject ds, DaemonSetPlanner.Plan plan, string hash, CancellationToken ct)
    {
        if (plan.IsEmpty) return;
        _expectations.ExpectCreations(key, plan.NodesToCreate.Count);
        _expectations.ExpectDeletions(key, plan.PodsToDelete.Count);
        foreach (var node in plan.NodesToCreate)
        {
            try
            {
                var created = await registry.CreateAsync(kinds.Pods, key.Namespace, DaemonSetPlanner.NewPod(ds, node, hash), dryRun: false, ct);
                await events.RecordAsync(ds, "Normal", "SuccessfulCreate", $"Created pod: {created.Object.Object.Name()}", Component, null, ct);
            }
            catch (StatusException e)
            {
                _expectations.LowerCreations(key, 1);
                await events.RecordAsync(ds, "Warning", "FailedCreate", $"Error creating: {e.Message}", Component, null, ct);
            }
        }
        foreach (var pod in plan.PodsToDelete)
        {
            try
            {
                await registry.DeleteAsync(kinds.Pods, key.Namespace, pod.Name(), new DeleteOptions(PreconditionUid: pod.Meta().Str("uid")), ct);
                await events.RecordAsync(ds, "Normal", "SuccessfulDelete", $"Deleted pod: {pod.Name()}", Component, null, ct);
            }
            catch (StatusException e) when (e.Code is 404 or 409)
            {
                _expectations.DeletionObserved(key);
            }
        }
    }

    private async Task CleanupHistoryAsync(JsonObject ds, string? uid, CancellationToken ct)
    {
        var ns = ds.Namespace() ?? "";
        var old = OwnedRevisions(ns, uid).Where(r => !DaemonSetHistory.Matches(ds, r)).ToList();
        foreach (var revision in DaemonSetHistory.ToDelete(ds, old, OwnedPods(ns, uid)))
        {
            try
            {
                await registry.DeleteAsync(_revisions, ns, revision.Name(), new DeleteOptions(PreconditionUid: revision.Meta().Str("uid")), ct);
            }
            catch (StatusException e) when (e.Code is 404 or 409)
            {
            }
        }
    }

    private async Task WriteStatusAsync(ObjectKey key, JsonObject ds, IReadOnlyList<JsonObject> nodes, string hash, CancellationToken ct)
    {
        var uid = ds.Meta().Str("uid");
        var pods = OwnedPods(key.Namespace, uid);
        var status = DaemonSetPlanner.Status(ds, nodes, pods, hash, time.GetUtcNow());
        if (JsonNode.DeepEquals(status, ds["status"])) return;
        try
        {
            await registry.GuaranteedUpdateAsync(_daemonSets, key.Namespace, key.Name, "status", dryRun: false, current =>
            {
                if (current.Meta().Str("uid") != uid) throw StatusException.Conflict(_daemonSets.Kind, key.Name);
                // A template changed since this pass read it: leave observedGeneration to the pass that sees it.
                if (!JsonNode.DeepEquals(current["spec"], ds["spec"])) throw StatusException.Conflict(_daemonSets.Kind, key.Name);
                current["status"] = DaemonSetPlanner.Status(current, nodes, pods, hash, time.GetUtcNow());
                return current;
            }, ct);
        }
        catch (StatusException e) when (e.Code is 404 or 409)
        {
        }
    }
}
