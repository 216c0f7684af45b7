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

    /// <summary>
    /// DeploymentController.scale's proportional branch (sync.go): replicas added or removed by a scaling event while
    /// several sets are active are shared out in proportion to each set's size (GetProportion against the
    /// max-replicas annotation the set was last sized for), the rounding leftover going to the largest set.
    /// Returns the new size of every active set. <paramref name="maxReplicasBefore"/> maps a set to its annotation.
    /// </summary>
    public static IReadOnlyDictionary<string, int> ProportionalSizes(DeploymentSpecView d, int statusReplicas,
        IReadOnlyList<ReplicaSetView> active, IReadOnlyDictionary<string, int> maxReplicasBefore)
    {
        var allowed = d.Replicas + (d.Replicas > 0 ? MaxSurge(d) : 0);
        var toAdd = allowed - active.Sum(r => r.SpecReplicas);
        // ReplicaSetsBySizeNewer when growing, BySizeOlder when shrinking: the largest set first either way.
        var ordered = toAdd > 0
            ? active.OrderByDescending(r => r.SpecReplicas).ThenByDescending(r => r.Created).ThenBy(r => r.Name, StringComparer.Ordinal).ToList()
            : active.OrderByDescending(r => r.SpecReplicas).ThenBy(r => r.Created).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
        var sizes = new Dictionary<string, int>();
        var added = 0;
        foreach (var rs in ordered)
        {
            var proportion = 0;
            if (toAdd != 0 && toAdd != added && rs.SpecReplicas != 0)
            {
                var fraction = Fraction(d, rs, statusReplicas, maxReplicasBefore.GetValueOrDefault(rs.Name));
                proportion = toAdd > 0 ? Math.Min(fraction, toAdd - added) : Math.Max(fraction, toAdd - added);
            }
            sizes[rs.Name] = rs.SpecReplicas + proportion;
            added += proportion;
        }
        if (ordered.Count > 0 && added != toAdd)
        {
            var first = ordered[0].Name;
            sizes[first] = Math.Max(0, sizes[first] + toAdd - added);
        }
        return sizes;
    }

    // getReplicaSetFraction: the set's size scaled from the deployment size it was last sized for to the new one.
    private static int Fraction(DeploymentSpecView d, ReplicaSetView rs, int statusReplicas, int maxBefore)
    {
        if (d.Replicas == 0) return -rs.SpecReplicas;
        var maxNow = d.Replicas + MaxSurge(d);
        if (maxBefore == 0) maxBefore = statusReplicas;
        if (maxBefore == 0) return 0;
        return (int)Math.Round((double)rs.SpecReplicas * maxNow / maxBefore, MidpointRounding.AwayFromZero) - rs.SpecReplicas;
    }
}
