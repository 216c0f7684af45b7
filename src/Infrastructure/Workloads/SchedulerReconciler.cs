using System.Text.Json.Nodes;
using Emulator.Domain.Errors;
using Emulator.Domain.Resources;
using Emulator.Domain.Workloads;
using Emulator.Infrastructure.Controllers.Framework;
using Emulator.Infrastructure.Registry;
using Emulator.Infrastructure.Storage;

namespace Emulator.Infrastructure.Workloads;

/// <summary>
/// kube-scheduler for pods with schedulerName default-scheduler and no nodeName: picks a node
/// (<see cref="SchedulerPlanner"/>), binds (spec.nodeName and the PodScheduled condition, as the binding subresource
/// does) and emits Scheduled; a pod that fits nowhere stays Pending with PodScheduled False/Unschedulable and a
/// FailedScheduling event. Node changes (uncordon, a new node) requeue the pending pods.
/// </summary>
public sealed class SchedulerReconciler(GenericRegistry registry, WorkloadKinds kinds, EventRecorder events, TimeProvider time) : IReconciler
{
    private const string Component = "default-scheduler";

    public string Name => "scheduler";

    public IReadOnlyList<ResourceKey> Watches => [WorkloadKinds.KeyOf(kinds.Pods), WorkloadKinds.KeyOf(kinds.Nodes)];

    public TimeSpan ResyncPeriod => TimeSpan.FromSeconds(15);

    public IEnumerable<ObjectKey> KeysFor(WatchEvent e)
    {
        if (e.Key.Resource == kinds.Nodes.Kind.Plural) return AllKeys();
        return e.Type != "DELETED" && NeedsScheduling(e.Object.Object) ? [e.Key] : [];
    }

    public IEnumerable<ObjectKey> AllKeys() =>
        registry.Store.List(WorkloadKinds.KeyOf(kinds.Pods), null).Items.Where(p => NeedsScheduling(p.Object))
            .Select(p => WorkloadKinds.ObjectKeyOf(kinds.Pods, p.Object.Namespace() ?? "", p.Object.Name()));

    private static bool NeedsScheduling(JsonObject pod) =>
        string.IsNullOrEmpty(pod["spec"].Str("nodeName")) && !PodFacts.IsTerminating(pod)
        && (pod["spec"].Str("schedulerName") ?? "default-scheduler") == "default-scheduler"
        && PodFacts.Phase(pod) is not ("Succeeded" or "Failed");

    public async Task ReconcileAsync(ObjectKey key, CancellationToken ct)
    {
        if (registry.Store.Get(key)?.Object is not { } pod || !NeedsScheduling(pod)) return;
        var nodes = registry.Store.List(WorkloadKinds.KeyOf(kinds.Nodes), null).Items.Select(n => n.Object).ToList();
        var load = registry.Store.List(WorkloadKinds.KeyOf(kinds.Pods), null).Items.Select(p => p.Object)
            .Where(p => PodFacts.Phase(p) is not ("Succeeded" or "Failed") && !string.IsNullOrEmpty(p["spec"].Str("nodeName")))
            .GroupBy(p => p["spec"].Str("nodeName")!).ToDictionary(g => g.Key, g => g.Count());
        var decision = SchedulerPlanner.Schedule(pod, nodes, load);
        var uid = pod.Meta().Str("uid");
        var now = SystemFields.Timestamp(time.GetUtcNow());
        try
        {
            if (decision.NodeName is { } node)
            {
                await registry.GuaranteedUpdateAsync(kinds.Pods, key.Namespace, key.Name, null, dryRun: false, current =>
                {
                    CheckSamePod(current, uid, key.Name);
                    if (!string.IsNullOrEmpty(current["spec"].Str("nodeName"))) throw StatusException.Conflict(kinds.Pods.Kind, key.Name);
                    current["spec"]!["nodeName"] = node;
                    return current;
                }, ct);
                await registry.GuaranteedUpdateAsync(kinds.Pods, key.Namespace, key.Name, "status", dryRun: false, current =>
                {
                    CheckSamePod(current, uid, key.Name);
                    current["status"] = PodStatusPlanner.Scheduled(current["status"] as JsonObject, now);
                    return current;
                }, ct);
                await events.RecordAsync(pod, "Normal", "Scheduled", $"Successfully assigned {key.Namespace}/{key.Name} to {node}", Component, null, ct);
                return;
            }
            var message = decision.FailureMessage!;
            if (Conditions.Find(pod["status"]?["conditions"], "PodScheduled")?.Str("message") == message) return;
            await registry.GuaranteedUpdateAsync(kinds.Pods, key.Namespace, key.Name, "status", dryRun: false, current =>
            {
                CheckSamePod(current, uid, key.Name);
                current["status"] = PodStatusPlanner.Unschedulable(current["status"] as JsonObject, message, now);
                return current;
            }, ct);
            await events.RecordAsync(pod, "Warning", "FailedScheduling", message, Component, null, ct);
        }
        catch (StatusException e) when (e.Code == 404)
        {
        }
    }

    private void CheckSamePod(JsonObject current, string? uid, string name)
    {
        if (current.Meta().Str("uid") != uid) throw StatusException.Conflict(kinds.Pods.Kind, name);
    }
}
