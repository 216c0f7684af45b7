using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Emulator.Domain.Errors;
using Emulator.Domain.Resources;
using Emulator.Domain.Workloads;
using Emulator.Infrastructure.Controllers.Framework;
using Emulator.Infrastructure.Registry;
using Emulator.Infrastructure.Storage;

namespace Emulator.Infrastructure.Workloads;

/// <summary>
/// kube-controller-manager's deployment controller (pkg/controller/deployment/{sync,rolling,recreate,progress}.go):
/// one ReplicaSet per pod template hash, RollingUpdate within maxSurge/maxUnavailable or Recreate, revision
/// annotations, history cleanup and the status with Available/Progressing conditions, written through /status.
/// A paused deployment or a scaling event only scales (proportionally when several sets are active), as sync() does;
/// a rollout that shows no progress is looked at again when its progress deadline passes.
/// </summary>
public sealed class DeploymentReconciler(GenericRegistry registry, WorkloadKinds kinds, EventRecorder events, TimeProvider time)
    : IReconciler, IRequeueAfter
{
    private readonly ConcurrentDictionary<ObjectKey, DateTimeOffset> _deadlineChecks = new();
    private Action<ObjectKey, TimeSpan>? _requeueAfter;

    private const string Component = "deployment-controller";
    private const string DesiredReplicasAnnotation = "deployment.kubernetes.io/desired-replicas";
    private const string MaxReplicasAnnotation = "deployment.kubernetes.io/max-replicas";

    public string Name => "deployment";

    public IReadOnlyList<ResourceKey> Watches =>
        [WorkloadKinds.KeyOf(kinds.Deployments), WorkloadKinds.KeyOf(kinds.ReplicaSets), WorkloadKinds.KeyOf(kinds.Pods)];

    public TimeSpan ResyncPeriod => TimeSpan.FromSeconds(30);

    public IEnumerable<ObjectKey> KeysFor(WatchEvent e)
    {
        if (e.Key.Resource == kinds.Deployments.Kind.Plural) return [e.Key];
        if (e.Key.Resource == kinds.ReplicaSets.Kind.Plural) return DeploymentOf(e.Key.Namespace, e.Object.Object);
        // Pods matter only to Recreate, which waits for the old pods to be gone.
        if (e.Type != "DELETED") return [];
        var rsRef = PodFacts.ControllerRef(e.Object.Object);
        if (rsRef?.Str("kind") != "ReplicaSet" || rsRef.Str("name") is not { } rsName) return [];
        var rs = registry.Store.Get(WorkloadKinds.ObjectKeyOf(kinds.ReplicaSets, e.Key.Namespace, rsName));
        return rs is null ? [] : DeploymentOf(e.Key.Namespace, rs.Object);
    }

    private IEnumerable<ObjectKey> DeploymentOf(string ns, JsonObject rs)
    {
        var owner = PodFacts.ControllerRef(rs);
        if (owner?.Str("kind") != "Deployment" || owner.Str("name") is not { } name) return [];
        return [WorkloadKinds.ObjectKeyOf(kinds.Deployments, ns, name)];
    }

    public IEnumerable<ObjectKey> AllKeys() =>
        registry.Store.List(WorkloadKinds.KeyOf(kinds.Deployments), null).Items
            .Select(d => WorkloadKinds.ObjectKeyOf(kinds.Deployments, d.Object.Namespace() ?? "", d.Object.Name()));

    public void OnRequeue(Action<ObjectKey, TimeSpan> requeueAfter) => _requeueAfter = requeueAfter;

    public async Task ReconcileAsync(ObjectKey key, CancellationToken ct)
    {
        if (registry.Store.Get(key)?.Object is not { } d || PodFacts.IsTerminating(d)) return;
        if (DeploymentStatusPlanner.PausedConditionStatus(d, SystemFields.Timestamp(time.GetUtcNow())) is { } pausedStatus)
        {
            await UpdateStatusAsync(key, d, pausedStatus, ct);
            if (registry.Store.Get(key)?.Object is not { } reread) return;
            d = reread;
        }
        var spec = DeploymentSpecView.From(d);
        var created = false;
        var (newRs, old) = Split(d);
        var rollout = !spec.Paused && !IsScalingEvent(spec, newRs, old);
        if (!rollout)
        {
            // sync(): no new set is created while paused; the sizes follow spec.replicas all the same.
            await SyncRevisionAsync(key, d, ct);
            await SyncScaleAsync(d, spec, newRs, old, ct);
            if (spec.Paused) await CleanupAsync(d, spec, ct);
        }
        else
        {
            if (spec.IsRollingUpdate) created = await RolloutRollingAsync(d, spec, newRs, old, ct);
            else created = await RolloutRecreateAsync(d, spec, newRs, old, ct);
            await SyncRevisionAsync(key, d, ct);
            await CleanupAsync(d, spec, ct);
        }
        await WriteStatusAsync(key, created, rollout, ct);
        ScheduleDeadlineCheck(key);
    }

    /// <summary>isScalingEvent: an active set was sized for another spec.replicas (its desired-replicas annotation).</summary>
    private static bool IsScalingEvent(DeploymentSpecView spec, JsonObject? newRs, List<JsonObject> old) =>
        old.Append(newRs).OfType<JsonObject>().Where(rs => ReplicaSetView.Int(rs["spec"]?["replicas"], 1) > 0)
            .Any(rs => AnnotationInt(rs, DesiredReplicasAnnotation) is { } desired && desired != spec.Replicas);

    private static int? AnnotationInt(JsonObject rs, string name) =>
        int.TryParse(rs.Meta()["annotations"].Str(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;

    /// <summary>
    /// DeploymentController.scale: the only active set (or the newest) takes spec.replicas; a saturated new set
    /// retires the old ones; otherwise a rolling deployment shares the difference out proportionally.
    /// </summary>
    private async Task SyncScaleAsync(JsonObject d, DeploymentSpecView spec, JsonObject? newRs, List<JsonObject> old, CancellationToken ct)
    {
        var all = old.Append(newRs).OfType<JsonObject>().ToList();
        var active = all.Where(rs => ReplicaSetView.Int(rs["spec"]?["replicas"], 1) > 0).ToList();
        var target = active.Count switch
        {
            0 => newRs ?? old.OrderByDescending(rs => PodFacts.Time(rs.Meta()["creationTimestamp"])).FirstOrDefault(),
            1 => active[0],
            _ => null,
        };
        if (target is not null)
        {
            if (ReplicaSetView.Int(target["spec"]?["replicas"], 1) != spec.Replicas) await ScaleAsync(d, spec, target, spec.Replicas, ct);
            return;
        }
        if (newRs is not null && IsSaturated(spec, newRs))
        {
            foreach (var rs in active.Where(rs => !ReferenceEquals(rs, newRs))) await ScaleAsync(d, spec, rs, 0, ct);
            return;
        }
        if (!spec.IsRollingUpdate) return;
        var maxBefore = active.ToDictionary(rs => rs.Name(), rs => AnnotationInt(rs, MaxReplicasAnnotation) ?? 0);
        var sizes = RolloutMath.ProportionalSizes(spec, ReplicaSetView.Int(d["status"]?["replicas"], 0), [.. active.Select(ReplicaSetView.From)], maxBefore);
        foreach (var rs in active)
            if (sizes.TryGetValue(rs.Name(), out var size)) await ScaleAsync(d, spec, rs, size, ct);
    }

    private static bool IsSaturated(DeploymentSpecView spec, JsonObject rs) =>
        ReplicaSetView.Int(rs["spec"]?["replicas"], 1) == spec.Replicas && AnnotationInt(rs, DesiredReplicasAnnotation) == spec.Replicas
        && ReplicaSetView.Int(rs["status"]?["availableReplicas"], 0) == spec.Replicas;

    /// <summary>requeueStuckDeployment: one pending look per deployment at the moment its progress deadline passes.</summary>
    private void ScheduleDeadlineCheck(ObjectKey key)
    {
        if (_requeueAfter is null || registry.Store.Get(key)?.Object is not { } d) return;
        var now = time.GetUtcNow();
        if (DeploymentStatusPlanner.DeadlineCheckAfter(d, now) is not { } after) return;
        var due = now + after;
        if (_deadlineChecks.TryGetValue(key, out var pending) && pending > now && pending <= due) return;
        _deadlineChecks[key] = due;
        _requeueAfter(key, after);
    }

    /// <summary>The set whose template equals the deployment's (oldest first, as FindNewReplicaSet) and all the others it owns.</summary>
    private (JsonObject? NewRs, List<JsonObject> Old) Split(JsonObject d)
    {
        var owned = Owned(d);
        var template = d["spec"]?["template"];
        var newRs = owned.Where(rs => PodTemplateHash.EqualIgnoringHash(rs["spec"]?["template"], template))
            .OrderBy(rs => PodFacts.Time(rs.Meta()["creationTimestamp"])).ThenBy(rs => rs.Name(), StringComparer.Ordinal).FirstOrDefault();
        return (newRs, [.. owned.Where(rs => !ReferenceEquals(rs, newRs))]);
    }

    private List<JsonObject> Owned(JsonObject d) =>
        [.. registry.Store.List(WorkloadKinds.KeyOf(kinds.ReplicaSets), d.Namespace()).Items.Select(s => s.Object)
            .Where(rs => PodFacts.IsControlledBy(rs, d.Meta().Str("uid")) && !PodFacts.IsTerminating(rs))];

    /// <summary>rolloutRolling: grow the new set within the surge budget; if nothing grew, shrink old sets within the unavailability budget.</summary>
    private async Task<bool> RolloutRollingAsync(JsonObject d, DeploymentSpecView spec, JsonObject? newRs, List<JsonObject> old, CancellationToken ct)
    {
        var oldViews = old.Select(ReplicaSetView.From).ToList();
        if (newRs is null)
        {
            var size = RolloutMath.NewReplicaSetReplicas(spec, [.. oldViews], new ReplicaSetView("", default, 0, 0, 0, 0, 0));
            return await CreateNewReplicaSetAsync(d, spec, old, size, ct);
        }
        var newView = ReplicaSetView.From(newRs);
        if (newView.SpecReplicas != spec.Replicas)
        {
            var target = newView.SpecReplicas > spec.Replicas ? spec.Replicas : RolloutMath.NewReplicaSetReplicas(spec, [.. oldViews, newView], newView);
            if (target != newView.SpecReplicas)
            {
                await ScaleAsync(d, spec, newRs, target, ct);
                if (target > newView.SpecReplicas) return false;
            }
        }
        foreach (var (name, size) in RolloutMath.ScaleDownOld(spec, oldViews, newView))
            await ScaleAsync(d, spec, old.First(rs => rs.Name() == name), size, ct);
        return false;
    }

    /// <summary>rolloutRecreate: all old sets to zero, wait until their pods are gone, then the new set at full size.</summary>
    private async Task<bool> RolloutRecreateAsync(JsonObject d, DeploymentSpecView spec, JsonObject? newRs, List<JsonObject> old, CancellationToken ct)
    {
        var scaledDown = false;
        foreach (var rs in old.Where(rs => ReplicaSetView.Int(rs["spec"]?["replicas"], 1) > 0))
        {
            await ScaleAsync(d, spec, rs, 0, ct);
            scaledDown = true;
        }
        if (scaledDown) return false;
        var oldUids = old.Select(rs => rs.Meta().Str("uid")).ToHashSet();
        var oldPodsRunning = registry.Store.List(WorkloadKinds.KeyOf(kinds.Pods), d.Namespace()).Items
            .Any(p => PodFacts.ControllerRef(p.Object)?.Str("uid") is { } uid && oldUids.Contains(uid) && PodFacts.Phase(p.Object) is not ("Succeeded" or "Failed"));
        if (oldPodsRunning) return false;
        if (newRs is null) return await CreateNewReplicaSetAsync(d, spec, old, spec.Replicas, ct);
        if (ReplicaSetView.Int(newRs["spec"]?["replicas"], 1) != spec.Replicas) await ScaleAsync(d, spec, newRs, spec.Replicas, ct);
        return false;
    }

    /// <summary>getNewReplicaSet's create branch: "&lt;deployment&gt;-&lt;hash&gt;", the hash label everywhere, the next revision.</summary>
    private async Task<bool> CreateNewReplicaSetAsync(JsonObject d, DeploymentSpecView spec, List<JsonObject> old, int replicas, CancellationToken ct)
    {
        var collisionCount = JsonNumber.Long(d["status"]?["collisionCount"]);
        var hash = PodTemplateHash.Compute(d["spec"]?["template"], collisionCount);
        var revision = old.Select(ReplicaSetView.From).Select(v => v.Revision).DefaultIfEmpty(0).Max() + 1;
        var template = (JsonObject)(d["spec"]?["template"]?.DeepClone() ?? new JsonObject());
        if (template["metadata"] is not JsonObject templateMeta) template["metadata"] = templateMeta = new JsonObject();
        if (templateMeta["labels"] is not JsonObject templateLabels) templateMeta["labels"] = templateLabels = new JsonObject();
        templateLabels[PodTemplateHash.Label] = hash;
        var selector = (JsonObject)(d["spec"]?["selector"]?.DeepClone() ?? new JsonObject());
        if (selector["matchLabels"] is not JsonObject matchLabels) selector["matchLabels"] = matchLabels = new JsonObject();
        matchLabels[PodTemplateHash.Label] = hash;
        var annotations = new JsonObject();
        foreach (var (k, v) in d.Meta()["annotations"] as JsonObject ?? [])
            if (!k.StartsWith("deployment.kubernetes.io/", StringComparison.Ordinal) && k != "kubectl.kubernetes.io/last-applied-configuration")
                annotations[k] = v?.DeepClone();
        annotations[DesiredReplicasAnnotation] = spec.Replicas.ToString(CultureInfo.InvariantCulture);
        annotations[MaxReplicasAnnotation] = (spec.Replicas + RolloutMath.MaxSurge(spec)).ToString(CultureInfo.InvariantCulture);
        annotations[ReplicaSetView.RevisionAnnotation] = revision.ToString(CultureInfo.InvariantCulture);
        var rsSpec = new JsonObject { ["replicas"] = replicas };
        if (spec.MinReadySeconds > 0) rsSpec["minReadySeconds"] = spec.MinReadySeconds;
        rsSpec["selector"] = selector;
        rsSpec["template"] = template;
        var rs = new JsonObject
        {
            ["apiVersion"] = "apps/v1", ["kind"] = "ReplicaSet",
            ["metadata"] = new JsonObject
            {
                ["name"] = $"{d.Name()}-{hash}", ["namespace"] = d.Namespace(),
                ["labels"] = templateLabels.DeepClone(), ["annotations"] = annotations, ["ownerReferences"] = PodFacts.OwnerReferences(d),
            },
            ["spec"] = rsSpec,
        };
        try
        {
            var stored = await registry.CreateAsync(kinds.ReplicaSets, d.Namespace(), rs, dryRun: false, ct);
            await events.RecordAsync(d, "Normal", "ScalingReplicaSet",
                $"Scaled up replica set {stored.Object.Object.Name()} from 0 to {replicas.ToString(CultureInfo.InvariantCulture)}", Component, null, ct);
            return true;
        }
        catch (StatusException e) when (e.Reason == "AlreadyExists")
        {
            // A set of that name with another template: a hash collision. Bump collisionCount so the next pass hashes differently.
            await registry.GuaranteedUpdateAsync(kinds.Deployments, d.Namespace(), d.Name(), "status", dryRun: false, current =>
            {
                if (current["status"] is not JsonObject status) current["status"] = status = new JsonObject();
                status["collisionCount"] = (collisionCount ?? 0) + 1;
                return current;
            }, ct);
            return false;
        }
    }

    private async Task ScaleAsync(JsonObject d, DeploymentSpecView spec, JsonObject rs, int size, CancellationToken ct)
    {
        var from = ReplicaSetView.Int(rs["spec"]?["replicas"], 1);
        await registry.GuaranteedUpdateAsync(kinds.ReplicaSets, rs.Namespace(), rs.Name(), null, dryRun: false, current =>
        {
            current["spec"]!["replicas"] = size;
            if (current.Meta()["annotations"] is not JsonObject annotations) current.Meta()["annotations"] = annotations = new JsonObject();
            annotations[DesiredReplicasAnnotation] = spec.Replicas.ToString(CultureInfo.InvariantCulture);
            annotations[MaxReplicasAnnotation] = (spec.Replicas + RolloutMath.MaxSurge(spec)).ToString(CultureInfo.InvariantCulture);
            return current;
        }, ct);
        if (from == size) return;
        var direction = size > from ? "up" : "down";
        await events.RecordAsync(d, "Normal", "ScalingReplicaSet",
            $"Scaled {direction} replica set {rs.Name()} from {from.ToString(CultureInfo.InvariantCulture)} to {size.ToString(CultureInfo.InvariantCulture)}",
            Component, null, ct);
    }

    /// <summary>
    /// SetNewReplicaSetAnnotations / SetDeploymentRevision: a template that returns to an old set (rollout undo) makes it
    /// the newest revision; the deployment carries its new set's revision.
    /// </summary>
    private async Task SyncRevisionAsync(ObjectKey key, JsonObject d, CancellationToken ct)
    {
        var (newRs, old) = Split(d);
        if (newRs is null) return;
        var maxOld = old.Select(ReplicaSetView.From).Select(v => v.Revision).DefaultIfEmpty(0).Max();
        var revision = ReplicaSetView.From(newRs).Revision;
        if (revision <= maxOld)
        {
            revision = maxOld + 1;
            var text = revision.ToString(CultureInfo.InvariantCulture);
            await registry.GuaranteedUpdateAsync(kinds.ReplicaSets, newRs.Namespace(), newRs.Name(), null, dryRun: false, current =>
            {
                if (current.Meta()["annotations"] is not JsonObject annotations) current.Meta()["annotations"] = annotations = new JsonObject();
                annotations[ReplicaSetView.RevisionAnnotation] = text;
                return current;
            }, ct);
        }
        var wanted = revision.ToString(CultureInfo.InvariantCulture);
        if (d.Meta()["annotations"].Str(ReplicaSetView.RevisionAnnotation) == wanted) return;
        await registry.GuaranteedUpdateAsync(kinds.Deployments, key.Namespace, key.Name, null, dryRun: false, current =>
        {
            if (current.Meta()["annotations"] is not JsonObject annotations) current.Meta()["annotations"] = annotations = new JsonObject();
            annotations[ReplicaSetView.RevisionAnnotation] = wanted;
            return current;
        }, ct);
    }

    /// <summary>cleanupDeployment: beyond revisionHistoryLimit, delete the oldest old sets that have no pods left.</summary>
    private async Task CleanupAsync(JsonObject d, DeploymentSpecView spec, CancellationToken ct)
    {
        var (_, old) = Split(d);
        var removable = old.Where(rs => ReplicaSetView.Int(rs["spec"]?["replicas"], 1) == 0 && ReplicaSetView.Int(rs["status"]?["replicas"], 0) == 0)
            .OrderBy(rs => ReplicaSetView.From(rs).Revision).ToList();
        var excess = old.Count - spec.RevisionHistoryLimit;
        foreach (var rs in removable.Take(Math.Max(0, excess)))
        {
            try
            {
                await registry.DeleteAsync(kinds.ReplicaSets, rs.Namespace(), rs.Name(), new DeleteOptions(PreconditionUid: rs.Meta().Str("uid")), ct);
            }
            catch (StatusException e) when (e.Code is 404 or 409)
            {
            }
        }
    }

    private async Task WriteStatusAsync(ObjectKey key, bool createdNewReplicaSet, bool rollout, CancellationToken ct)
    {
        if (registry.Store.Get(key)?.Object is not { } d) return;
        var (newRs, old) = Split(d);
        var all = old.Select(ReplicaSetView.From).ToList();
        var newView = newRs is null ? null : ReplicaSetView.From(newRs);
        if (newView is not null) all.Add(newView);
        var status = DeploymentStatusPlanner.Compute(d, all, newView, createdNewReplicaSet, SystemFields.Timestamp(time.GetUtcNow()), rollout);
        if (JsonNode.DeepEquals(status, d["status"])) return;
        await UpdateStatusAsync(key, d, status, ct);
    }

    private async Task UpdateStatusAsync(ObjectKey key, JsonObject d, JsonObject status, CancellationToken ct)
    {
        try
        {
            await registry.GuaranteedUpdateAsync(kinds.Deployments, key.Namespace, key.Name, "status", dryRun: false, current =>
            {
                if (current.Meta().Str("uid") != d.Meta().Str("uid") || current.ResourceVersion() != d.ResourceVersion())
                    throw StatusException.Conflict(kinds.Deployments.Kind, key.Name);
                current["status"] = status;
                return current;
            }, ct);
        }
        catch (StatusException e) when (e.Code == 404)
        {
        }
    }
}
