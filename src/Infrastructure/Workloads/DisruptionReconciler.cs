using System.Text.Json.Nodes;
using Emulator.Domain.Errors;
using Emulator.Domain.Resources;
using Emulator.Domain.Workloads;
using Emulator.Infrastructure.Controllers.Framework;
using Emulator.Infrastructure.Registry;
using Emulator.Infrastructure.Storage;

namespace Emulator.Infrastructure.Workloads;

/// <summary>
/// kube-controller-manager's disruption controller: keeps each PodDisruptionBudget's status (expectedPods,
/// desiredHealthy, currentHealthy, disruptionsAllowed, disruptedPods, DisruptionAllowed condition) in step with the
/// pods it selects and the scale of their controllers, written through /status (<see cref="DisruptionPlanner"/>).
/// </summary>
public sealed class DisruptionReconciler(GenericRegistry registry, WorkloadKinds kinds, EventRecorder events, TimeProvider time) : IReconciler
{
    private const string Component = "controllermanager";

    public string Name => "disruption";

    public IReadOnlyList<ResourceKey> Watches =>
    [
        WorkloadKinds.KeyOf(kinds.PodDisruptionBudgets), WorkloadKinds.KeyOf(kinds.Pods),
        WorkloadKinds.KeyOf(kinds.ReplicaSets), WorkloadKinds.KeyOf(kinds.Deployments),
    ];

    public TimeSpan ResyncPeriod => TimeSpan.FromSeconds(30);

    public IEnumerable<ObjectKey> KeysFor(WatchEvent e)
    {
        if (e.Key.Resource == kinds.PodDisruptionBudgets.Kind.Plural) return [e.Key];
        var budgets = Budgets(e.Key.Namespace);
        // A scale change of a set or deployment changes expectedPods of the budgets over its pods.
        if (e.Key.Resource != kinds.Pods.Kind.Plural) return budgets.Select(KeyOf);
        return budgets.Where(b => DisruptionPlanner.Selects(b, e.Object.Object) || (e.Previous is { } p && DisruptionPlanner.Selects(b, p.Object)))
            .Select(KeyOf);
    }

    public IEnumerable<ObjectKey> AllKeys() => Budgets(null).Select(KeyOf);

    private List<JsonObject> Budgets(string? ns) =>
        [.. registry.Store.List(WorkloadKinds.KeyOf(kinds.PodDisruptionBudgets), ns).Items.Select(b => b.Object)];

    private ObjectKey KeyOf(JsonObject pdb) => WorkloadKinds.ObjectKeyOf(kinds.PodDisruptionBudgets, pdb.Namespace() ?? "", pdb.Name());

    public async Task ReconcileAsync(ObjectKey key, CancellationToken ct)
    {
        if (registry.Store.Get(key)?.Object is not { } pdb || PodFacts.IsTerminating(pdb)) return;
        var pods = registry.Store.List(WorkloadKinds.KeyOf(kinds.Pods), key.Namespace).Items.Select(p => p.Object)
            .Where(p => DisruptionPlanner.Selects(pdb, p)).ToList();
        var status = DisruptionPlanner.Status(pdb, pods, ControllerScale, time.GetUtcNow());
        if (JsonNode.DeepEquals(status, pdb["status"])) return;
        try
        {
            await registry.GuaranteedUpdateAsync(kinds.PodDisruptionBudgets, key.Namespace, key.Name, "status", dryRun: false, current =>
            {
                // An eviction decremented the budget since it was read: compute again from what it wrote.
                if (current.Meta().Str("uid") != pdb.Meta().Str("uid") || current.ResourceVersion() != pdb.ResourceVersion())
                    throw StatusException.Conflict(kinds.PodDisruptionBudgets.Kind, key.Name);
                current["status"] = status;
                return current;
            }, ct);
        }
        catch (StatusException e) when (e.Code == 404)
        {
            return;
        }
        if (pods.Count == 0) await events.RecordAsync(pdb, "Normal", "NoPods", "No matching pods found", Component, null, ct);
    }

    /// <summary>getExpectedScale's finders: a set's pods count by their deployment's replicas if it has one, else the set's.</summary>
    private (string Uid, int Replicas)? ControllerScale(JsonObject pod)
    {
        var owner = PodFacts.ControllerRef(pod);
        if (owner?.Str("kind") != "ReplicaSet" || owner.Str("name") is not { } rsName) return null;
        var rs = registry.Store.Get(WorkloadKinds.ObjectKeyOf(kinds.ReplicaSets, pod.Namespace() ?? "", rsName))?.Object;
        if (rs is null || rs.Meta().Str("uid") != owner.Str("uid")) return null;
        var rsOwner = PodFacts.ControllerRef(rs);
        if (rsOwner?.Str("kind") == "Deployment" && rsOwner.Str("name") is { } dName
            && registry.Store.Get(WorkloadKinds.ObjectKeyOf(kinds.Deployments, pod.Namespace() ?? "", dName))?.Object is { } d
            && d.Meta().Str("uid") == rsOwner.Str("uid"))
            return (d.Meta().Str("uid") ?? "", ReplicaSetView.Int(d["spec"]?["replicas"], 1));
        return (rs.Meta().Str("uid") ?? "", ReplicaSetView.Int(rs["spec"]?["replicas"], 1));
    }
}
