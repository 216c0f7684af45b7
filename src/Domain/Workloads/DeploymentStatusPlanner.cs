using System.Globalization;
using System.Text.Json.Nodes;
using Emulator.Domain.Resources;

namespace Emulator.Domain.Workloads;

/// <summary>
/// The status a deployment controller pass writes: checkPausedConditions (sync.go), calculateStatus (sync.go) and,
/// for a pass that rolls out, syncRolloutStatus (progress.go) with the real condition reasons and messages.
/// A paused deployment or a pure scaling event goes through sync(), which leaves Progressing alone.
/// </summary>
public static class DeploymentStatusPlanner
{
    public const string Available = "Available";
    public const string Progressing = "Progressing";
    public const string TimedOutReason = "ProgressDeadlineExceeded";
    public const string PausedReason = "DeploymentPaused";
    public const string ResumedReason = "DeploymentResumed";
    public const string NewReplicaSetAvailableReason = "NewReplicaSetAvailable";

    /// <summary>
    /// <paramref name="createdNewReplicaSet"/> marks the pass that created the new set (reason NewReplicaSetCreated);
    /// <paramref name="now"/> is an RFC 3339 timestamp; <paramref name="rollout"/> is false for sync() (paused or scaling).
    /// </summary>
    public static JsonObject Compute(JsonObject deployment, IReadOnlyList<ReplicaSetView> all, ReplicaSetView? newRs,
        bool createdNewReplicaSet, string now, bool rollout = true)
    {
        var d = DeploymentSpecView.From(deployment);
        var generation = JsonNumber.Long(deployment.Meta()["generation"]) ?? 1;
        var oldStatus = deployment["status"] as JsonObject;
        var counts = DeploymentStatusCounts.From(all, newRs);
        var conditions = oldStatus?["conditions"]?.DeepClone() as JsonArray ?? [];

        CheckPausedConditions(d, conditions, now);

        if (counts.AvailableReplicas >= d.Replicas - RolloutMath.MaxUnavailable(d))
            Conditions.Set(conditions, Conditions.Deployment(Available, "True", "MinimumReplicasAvailable", "Deployment has minimum availability.", now));
        else
            Conditions.Set(conditions, Conditions.Deployment(Available, "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability.", now));

        if (rollout && !d.Paused) SyncRolloutStatus(d, conditions, DeploymentStatusCounts.Of(oldStatus), counts, newRs, createdNewReplicaSet, generation, now);

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

    /// <summary>
    /// checkPausedConditions: Unknown/DeploymentPaused while paused, Unknown/DeploymentResumed on resume (so the time
    /// spent paused never counts against the progress deadline); a timed-out condition is never overwritten.
    /// </summary>
    private static bool CheckPausedConditions(DeploymentSpecView d, JsonArray conditions, string now)
    {
        if (!d.HasProgressDeadline) return false;
        var current = Conditions.Find(conditions, Progressing);
        if (current?.Str("reason") == TimedOutReason) return false;
        var pausedExists = current?.Str("reason") == PausedReason;
        if (d.Paused && !pausedExists)
            Conditions.Set(conditions, Conditions.Deployment(Progressing, "Unknown", PausedReason, "Deployment is paused", now));
        else if (!d.Paused && pausedExists)
            Conditions.Set(conditions, Conditions.Deployment(Progressing, "Unknown", ResumedReason, "Deployment is resumed", now));
        else
            return false;
        return true;
    }

    /// <summary>
    /// The status checkPausedConditions writes on its own, before the pass does anything else, when a deployment was
    /// just paused or resumed; null when nothing changes. Watchers see DeploymentPaused/DeploymentResumed this way.
    /// </summary>
    public static JsonObject? PausedConditionStatus(JsonObject deployment, string now)
    {
        var status = deployment["status"]?.DeepClone() as JsonObject ?? [];
        var conditions = status["conditions"] as JsonArray ?? [];
        if (!CheckPausedConditions(DeploymentSpecView.From(deployment), conditions, now)) return null;
        status["conditions"] = SortConditions(conditions);
        return status;
    }

    private static void SyncRolloutStatus(DeploymentSpecView d, JsonArray conditions, DeploymentStatusCounts before, DeploymentStatusCounts counts,
        ReplicaSetView? newRs, bool createdNewReplicaSet, long generation, string now)
    {
        if (!d.HasProgressDeadline)
        {
            Conditions.Remove(conditions, Progressing);
            return;
        }
        // getNewReplicaSet records the set it created or found before the rollout status is estimated.
        if (newRs is not null)
        {
            if (createdNewReplicaSet)
                Conditions.Set(conditions, Conditions.Deployment(Progressing, "True", "NewReplicaSetCreated", $"Created new replica set \"{newRs.Name}\"", now));
            else if (Conditions.Find(conditions, Progressing) is null)
                Conditions.Set(conditions, Conditions.Deployment(Progressing, "True", "FoundNewReplicaSet", $"Found new replica set \"{newRs.Name}\"", now));
        }
        var subject = newRs is null ? "Deployment" : "ReplicaSet";
        var name = newRs?.Name ?? "";
        var complete = counts.Replicas == counts.UpdatedReplicas && Conditions.Find(conditions, Progressing)?.Str("reason") == NewReplicaSetAvailableReason;
        if (complete) return;
        if (RolloutMath.IsComplete(d, counts, generation, generation))
        {
            Conditions.Set(conditions, Conditions.Deployment(Progressing, "True", NewReplicaSetAvailableReason,
                $"{subject} \"{name}\" has successfully progressed.", now));
        }
        else if (IsProgressing(before, counts))
        {
            // A progressing update always refreshes lastUpdateTime; the transition time survives while status stays True.
            var updated = Conditions.Deployment(Progressing, "True", "ReplicaSetUpdated", $"{subject} \"{name}\" is progressing.", now);
            if (Conditions.Find(conditions, Progressing) is { } current)
            {
                if (current.Str("status") == "True" && current["lastTransitionTime"] is { } keep) updated["lastTransitionTime"] = keep.DeepClone();
                conditions.Remove(current);
            }
            conditions.Add(updated);
        }
        else if (IsTimedOut(d, Conditions.Find(conditions, Progressing), Parse(now)))
        {
            Conditions.Set(conditions, Conditions.Deployment(Progressing, "False", TimedOutReason, $"{subject} \"{name}\" has timed out progressing.", now));
        }
    }

    /// <summary>DeploymentTimedOut (deployment_util.go): no progress reported since lastUpdateTime + progressDeadlineSeconds.</summary>
    public static bool IsTimedOut(DeploymentSpecView d, JsonObject? progressing, DateTimeOffset now)
    {
        if (!d.HasProgressDeadline || progressing is null) return false;
        var reason = progressing.Str("reason");
        if (reason == NewReplicaSetAvailableReason) return false;
        if (reason == TimedOutReason) return true;
        return Parse(progressing.Str("lastUpdateTime")).AddSeconds(d.ProgressDeadlineSeconds) < now;
    }

    /// <summary>
    /// requeueStuckDeployment: how long until a rollout that shows no progress must be checked for its deadline;
    /// null when there is nothing to wait for (no deadline, complete, already timed out, paused).
    /// </summary>
    public static TimeSpan? DeadlineCheckAfter(JsonObject deployment, DateTimeOffset now)
    {
        var d = DeploymentSpecView.From(deployment);
        var status = deployment["status"];
        var current = Conditions.Find(status?["conditions"], Progressing);
        if (d.Paused || !d.HasProgressDeadline || current is null || current.Str("reason") == TimedOutReason) return null;
        var generation = JsonNumber.Long(deployment.Meta()["generation"]) ?? 1;
        var observed = JsonNumber.Long(status?["observedGeneration"]) ?? 0;
        if (RolloutMath.IsComplete(d, DeploymentStatusCounts.Of(status), generation, observed)) return null;
        var after = Parse(current.Str("lastUpdateTime")).AddSeconds(d.ProgressDeadlineSeconds) - now;
        return after < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : after + TimeSpan.FromSeconds(1);
    }

    /// <summary>DeploymentProgressing (progress.go): more updated, fewer old, more ready or more available replicas than before.</summary>
    public static bool IsProgressing(DeploymentStatusCounts before, DeploymentStatusCounts after) =>
        after.UpdatedReplicas > before.UpdatedReplicas
        || after.Replicas - after.UpdatedReplicas < before.Replicas - before.UpdatedReplicas
        || after.ReadyReplicas > before.ReadyReplicas
        || after.AvailableReplicas > before.AvailableReplicas;

    private static DateTimeOffset Parse(string? timestamp) =>
        DateTimeOffset.TryParse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : DateTimeOffset.MinValue;

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
