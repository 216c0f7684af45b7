using System.Globalization;
using System.Text.Json.Nodes;
using Emulator.Domain.Resources;

namespace Emulator.Domain.Workloads;

/// <summary>
/// The filter and score steps of kube-scheduler reduced to what the emulator's nodes differ in: NodeUnschedulable,
/// TaintToleration, NodeAffinity (nodeSelector and required affinity) and Ready filters (pkg/scheduler/framework/plugins), then the least loaded node (a stand-in
/// for NodeResourcesBalancedAllocation and PodTopologySpread's default spreading), ties by name.
/// </summary>
public static class SchedulerPlanner
{
    public sealed record Decision(string? NodeName, string? FailureMessage);

    public static Decision Schedule(JsonObject pod, IReadOnlyList<JsonObject> nodes, IReadOnlyDictionary<string, int> podsPerNode)
    {
        var tolerations = (pod["spec"]?["tolerations"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
        var reasons = new Dictionary<string, int>(StringComparer.Ordinal);
        var feasible = new List<JsonObject>();
        foreach (var node in nodes)
        {
            string? reason = null;
            if (!IsReady(node)) reason = "node(s) were not ready";
            else if (node["spec"]?["unschedulable"] is JsonValue u && u.TryGetValue<bool>(out var cordoned) && cordoned
                     && !tolerations.Any(t => t.Str("key") == "node.kubernetes.io/unschedulable" || (t.Str("operator") == "Exists" && t.Str("key") is null)))
                reason = "node(s) were unschedulable";
            else if (NodePlacement.UntoleratedTaint(node, pod["spec"], NodePlacement.IsSchedulingTaint) is { } taint)
                reason = $"node(s) had untolerated taint {{{taint.Str("key")}: {taint.Str("value")}}}";
            else if (!NodePlacement.MatchesNodeSelectorAndAffinity(pod["spec"], node))
                reason = "node(s) didn't match Pod's node affinity/selector";
            if (reason is null) feasible.Add(node);
            else reasons[reason] = reasons.GetValueOrDefault(reason) + 1;
        }
        if (feasible.Count > 0)
        {
            var best = feasible.OrderBy(n => podsPerNode.GetValueOrDefault(n.Name())).ThenBy(n => n.Name(), StringComparer.Ordinal).First();
            return new Decision(best.Name(), null);
        }
        return new Decision(null, FailureMessage(nodes.Count, reasons));
    }

    /// <summary>
    /// FitError.Error(): "0/3 nodes are available: 3 node(s) were unschedulable." with the filter reasons sorted, then
    /// the PostFilter plugins' messages joined by ", " in plugin order. Since DRA went GA (v1.34) the DynamicResources
    /// plugin runs first and, for a pod without claims, says "no new claims to deallocate"; DefaultPreemption follows.
    /// </summary>
    public static string FailureMessage(int total, IReadOnlyDictionary<string, int> reasons)
    {
        var n = total.ToString(CultureInfo.InvariantCulture);
        if (total == 0) return "no nodes available to schedule pods";
        var parts = reasons.Select(r => $"{r.Value.ToString(CultureInfo.InvariantCulture)} {r.Key}").OrderBy(s => s, StringComparer.Ordinal);
        return $"0/{n} nodes are available: {string.Join(", ", parts)}. no new claims to deallocate, preemption: 0/{n} nodes are available: {n} Preemption is not helpful for scheduling.";
    }

    private static bool IsReady(JsonObject node) => Conditions.Find(node["status"]?["conditions"], "Ready")?.Str("status") == "True";
}
