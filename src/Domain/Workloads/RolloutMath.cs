namespace Emulator.Domain.Workloads;

/// <summary>
/// The replica arithmetic of pkg/controller/deployment/util/deployment_util.go and rolling.go: surge and unavailability
/// budgets, how far the new ReplicaSet may grow and how far the old ones may shrink in one pass.
/// </summary>
public static class RolloutMath
{
    /// <summary>ResolveFenceposts: maxSurge rounds up, maxUnavailable down; both 0 would deadlock, so unavailable becomes 1.</summary>
    public static (int Surge, int Unavailable) ResolveFenceposts(DeploymentSpecView d)
    {
        var surge = IntOrPercent.Scaled(d.MaxSurge, d.Replicas, roundUp: true);
        var unavailable = IntOrPercent.Scaled(d.MaxUnavailable, d.Replicas, roundUp: false);
        if (surge == 0 && unavailable == 0) unavailable = 1;
        return (surge, unavailable);
    }

    /// <summary>MaxUnavailable: 0 for Recreate or zero replicas, never more than the replicas.</summary>
    public static int MaxUnavailable(DeploymentSpecView d)
    {
        if (!d.IsRollingUpdate || d.Replicas == 0) return 0;
        return Math.Min(ResolveFenceposts(d).Unavailable, d.Replicas);
    }

    public static int MaxSurge(DeploymentSpecView d) => d.IsRollingUpdate ? ResolveFenceposts(d).Surge : 0;

    /// <summary>NewRSNewReplicas: the size the new ReplicaSet may take now without exceeding replicas + maxSurge pods in total.</summary>
    public static int NewReplicaSetReplicas(DeploymentSpecView d, IReadOnlyList<ReplicaSetView> all, ReplicaSetView newRs)
    {
        if (!d.IsRollingUpdate) return d.Replicas;
        var current = all.Sum(r => r.SpecReplicas);
        var maxTotal = d.Replicas + MaxSurge(d);
        if (current >= maxTotal) return newRs.SpecReplicas;
        var scaleUp = Math.Min(maxTotal - current, d.Replicas - newRs.SpecReplicas);
        return newRs.SpecReplicas + scaleUp;
    }

    /// <summary>
    /// reconcileOldReplicaSets: first shrink old sets by their unhealthy pods, then by as many available pods as
    /// keeps replicas - maxUnavailable available. Returns the new spec.replicas of each old set that changes.
    /// </summary>
    public static IReadOnlyDictionary<string, int> ScaleDownOld(DeploymentSpecView d, IReadOnlyList<ReplicaSetView> oldSets, ReplicaSetView newRs)
    {
        var sizes = oldSets.ToDictionary(r => r.Name, r => r.SpecReplicas);
        var oldCount = sizes.Values.Sum();
        if (oldCount == 0) return new Dictionary<string, int>();
        var allCount = oldCount + newRs.SpecReplicas;
        var minAvailable = d.Replicas - MaxUnavailable(d);
        var newUnavailable = newRs.SpecReplicas - newRs.AvailableReplicas;
        var maxScaledDown = allCount - minAvailable - newUnavailable;
        if (maxScaledDown <= 0) return new Dictionary<string, int>();

        // cleanupUnhealthyReplicas: pods that are not available go first, they cost no availability.
        var cleaned = 0;
        foreach (var rs in ReplicaSetView.ByCreation(oldSets))
        {
            if (cleaned >= maxScaledDown) break;
            var size = sizes[rs.Name];
            if (size == 0 || size == rs.AvailableReplicas) continue;
            var down = Math.Min(maxScaledDown - cleaned, size - rs.AvailableReplicas);
            sizes[rs.Name] = size - down;
            cleaned += down;
        }

        // scaleDownOldReplicaSetsForRollingUpdate: then available pods, as long as minAvailable stays available.
        var available = oldSets.Sum(r => Math.Min(r.AvailableReplicas, sizes[r.Name])) + newRs.AvailableReplicas;
        if (available > minAvailable)
        {
            var total = available - minAvailable;
            var done = 0;
            foreach (var rs in ReplicaSetView.ByCreation(oldSets))
            {
                if (done >= total) break;
                var size = sizes[rs.Name];
                if (size == 0) continue;
                var down = Math.Min(size, total - done);
                sizes[rs.Name] = size - down;
                done += down;
            }
        }
        return sizes.Where(p => p.Value != oldSets.First(r => r.Name == p.Key).SpecReplicas).ToDictionary(p => p.Key, p => p.Value);
    }

    /// <summary>DeploymentComplete: every replica updated and available, and the latest spec observed.</summary>
    public static bool IsComplete(DeploymentSpecView d, DeploymentStatusCounts status, long generation, long observedGeneration) =>
        status.UpdatedReplicas == d.Replicas && status.Replicas == d.Replicas && status.AvailableReplicas == d.Replicas
        && observedGeneration >= generation;
}
