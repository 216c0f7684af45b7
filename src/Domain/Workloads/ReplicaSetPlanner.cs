using System.Text.Json.Nodes;
using Emulator.Domain.Resources;
using Emulator.Domain.Selectors;

namespace Emulator.Domain.Workloads;

/// <summary>The pure half of pkg/controller/replicaset/replica_set.go: the pods to create from the template, which to delete, the status.</summary>
public static class ReplicaSetPlanner
{
    // burstReplicas in replica_set.go: no more than this many creates or deletes per sync.
    public const int BurstReplicas = 500;

    /// <summary>How many pods to create (positive) or delete (negative) to reach spec.replicas.</summary>
    public static int Diff(int specReplicas, int activePods) => Math.Clamp(specReplicas - activePods, -BurstReplicas, BurstReplicas);

    /// <summary>controller.GetPodFromTemplate: labels, annotations and finalizers from the template, generateName "&lt;rs&gt;-", the controllerRef.</summary>
    public static JsonObject PodFromTemplate(JsonObject rs)
    {
        var template = rs["spec"]?["template"] as JsonObject ?? new JsonObject();
        var meta = new JsonObject { ["generateName"] = rs.Name() + "-", ["namespace"] = rs.Namespace() };
        if (template["metadata"]?["labels"] is JsonObject labels) meta["labels"] = labels.DeepClone();
        if (template["metadata"]?["annotations"] is JsonObject annotations) meta["annotations"] = annotations.DeepClone();
        if (template["metadata"]?["finalizers"] is JsonArray finalizers) meta["finalizers"] = finalizers.DeepClone();
        meta["ownerReferences"] = PodFacts.OwnerReferences(rs);
        return new JsonObject
        {
            ["apiVersion"] = "v1", ["kind"] = "Pod", ["metadata"] = meta,
            ["spec"] = template["spec"]?.DeepClone() ?? new JsonObject(),
        };
    }

    /// <summary>calculateStatus in replica_set_utils.go over the set's active pods.</summary>
    public static JsonObject Status(JsonObject rs, IReadOnlyList<JsonObject> activePods, DateTimeOffset now)
    {
        var minReady = ReplicaSetView.Int(rs["spec"]?["minReadySeconds"], 0);
        var templateLabels = JsonObjectExtensions.StringMap(rs["spec"]?["template"]?["metadata"]?["labels"]);
        var fully = activePods.Count(p => templateLabels.All(l => p.Labels().TryGetValue(l.Key, out var v) && v == l.Value));
        var ready = activePods.Count(PodFacts.IsReady);
        var available = activePods.Count(p => PodFacts.IsAvailable(p, minReady, now));
        var status = new JsonObject { ["replicas"] = activePods.Count };
        if (fully != 0) status["fullyLabeledReplicas"] = fully;
        if (ready != 0) status["readyReplicas"] = ready;
        if (available != 0) status["availableReplicas"] = available;
        status["observedGeneration"] = rs.Meta()["generation"]?.DeepClone() ?? 1;
        if (rs["status"]?["conditions"] is JsonArray conditions && conditions.Count > 0) status["conditions"] = conditions.DeepClone();
        return status;
    }

    /// <summary>The pods a ReplicaSet's selector matches in its namespace (adoption candidates and owned pods alike).</summary>
    public static bool Selects(JsonObject rs, JsonObject pod)
    {
        try
        {
            return LabelSelector.FromJson(rs["spec"]?["selector"]).Matches(pod.Labels());
        }
        catch (SelectorParseException)
        {
            return false;
        }
    }
}
