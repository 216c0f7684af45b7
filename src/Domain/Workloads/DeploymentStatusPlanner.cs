using System.Text.Json.Nodes;
using Emulator.Domain.Resources;

namespace Emulator.Domain.Workloads;

/// <summary>
/// The status a deployment controller pass writes: calculateStatus (sync.go) plus syncRolloutStatus (progress.go)
/// with the real condition reasons and messages.
/// </summary>
public static class DeploymentStatusPlanner
{
    public const string Available = "Available";
    public const string Progressing = "Progressing";

    /// <summary>
    /// <paramref name="createdNewReplicaSet"/> marks the pass that created the new set (reason NewReplicaSetCreated);
    /// <paramref name="now"/> is an RFC 3339 timestamp.
    /// </summary>
    public static JsonObject Compute(JsonObject deployment, IReadOnlyList<ReplicaSetView> all, ReplicaSetView? newRs,
        bool createdNewReplicaSet, string now)
    {
        var d = DeploymentSpecView.From(deployment);
        var generation = JsonNumber.Long(deployment.Meta()["generation"]) ?? 1;
        var oldStatus = deployment["status"] as JsonObject;
        var counts = DeploymentStatusCounts.From(all, newRs);
        var conditions = oldStatus?["conditions"]?.DeepClone() as JsonArray ?? [];

        if (counts.AvailableReplicas >= d.Replicas - RolloutMath.MaxUnavailable(d))
            Conditions.Set(conditions, Conditions.Deployment(Available, "True", "MinimumReplicasAvailable", "Deployment has minimum availability.", now));
        else
            Conditions.Set(conditions, Conditions.Deployment(Available, "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability.", now));

        if (newRs is not null)
        {
            if (createdNewReplicaSet)
                Conditions.Set(conditions, Conditions.Deployment(Progressing, "True", "NewReplicaSetCreated", $"Created new replica set \"{newRs.Name}\"", now));
            else if (Conditions.Find(conditions, Progressing) is null)
                Conditions.Set(conditions, Conditions.Deployment(Progressing, "True", "FoundNewReplicaSet", $"Found new replica set \"{newRs.Name}\"", now));
        }
        if (d.Paused)
        {
            Conditions.Set(conditions, Conditions.Deployment(Progressing, "Unknown", "DeploymentPaused", "Deployment is paused", now));
        }
        else
        {
            var progressing = Conditions.Find(conditions, Progressing);
            if (progressing?.Str("reason") == "DeploymentPaused")
                Conditions.Set(conditions, Conditions.Deployment(Progressing, "Unknown", "DeploymentResumed", "Deployment is resumed", now));
            var complete = counts.Replicas == counts.UpdatedReplicas && Conditions.Find(conditions, Progressing)?.Str("reason") == "NewReplicaSetAvailable";
            if (!complete && newRs is not null)
            {
                if (RolloutMath.IsComplete(d, counts, generation, generation))
                {
                    Conditions.Set(conditions, Conditions.Deployment(Progressing, "True", "NewReplicaSetAvailable",
                        $"ReplicaSet \"{newRs.Name}\" has successfully progressed.", now));
                }
                else if (IsProgressing(DeploymentStatusCounts.Of(oldStatus), counts))
                {
                    // A progressing update always refreshes lastUpdateTime; the transition time survives while status stays True.
                    var updated = Conditions.Deployment(Progressing, "True", "ReplicaSetUpdated", $"ReplicaSet \"{newRs.Name}\" is progressing.", now);
                    if (Conditions.Find(conditions, Progressing) is { } current)
                    {
                        if (current.Str("status") == "True" && current["lastTransitionTime"] is { } keep) updated["lastTransitionTime"] = keep.DeepClone();
                        conditions.Remove(current);
                    }
                    conditions.Add(updated);
                }
            }
        }

        var status = new JsonObject { ["observedGeneration"] = generation };
        if (counts.Replicas != 0) status["replicas"] = counts.Replicas;
        if (counts.UpdatedReplicas != 0) status["updatedReplicas"] = counts.UpdatedReplicas;
        if (counts.ReadyReplicas != 0) status["readyReplicas"] = counts.ReadyReplicas;
        if (counts.AvailableReplicas != 0) status["availableReplicas"] = counts.AvailableReplicas;
        if (counts.UnavailableReplicas != 0) status["unavailableReplicas"] = counts.UnavailableReplicas;
        if (conditions.Count > 0) status["conditions"] = SortConditions(conditions);
        if (oldStatus?["collisionCount"] is { } collisions) status["collisionCount"] = collisions.DeepClone();
        return status;
    }

    /// <summary>DeploymentProgressing (progress.go): more updated, fewer old, more ready or more available replicas than before.</summary>
    public static bool IsProgressing(DeploymentStatusCounts before, DeploymentStatusCounts after) =>
        after.UpdatedReplicas > before.UpdatedReplicas
        || after.Replicas - after.UpdatedReplicas < before.Replicas - before.UpdatedReplicas
        || after.ReadyReplicas > before.ReadyReplicas
        || after.AvailableReplicas > before.AvailableReplicas;

    // A real deployment lists Available before Progressing (Available is set first in calculateStatus).
    private static JsonArray SortConditions(JsonArray conditions)
    {
        var order = new[] { Available, Progressing, "ReplicaFailure" };
        var sorted = conditions.OfType<JsonObject>()
            .OrderBy(c => Array.IndexOf(order, c.Str("type")) is var i && i < 0 ? order.Length : i).ToList();
        var result = new JsonArray();
        foreach (var c in sorted) result.Add(c.DeepClone());
        return result;
    }
}
