using System.Text.Json.Nodes;

namespace Emulator.Domain.Workloads;

/// <summary>The replica counters of a DeploymentStatus.</summary>
public sealed record DeploymentStatusCounts(int Replicas, int UpdatedReplicas, int ReadyReplicas, int AvailableReplicas, int DesiredTotal = 0)
{
    /// <summary>The sets' desired sizes (spec.replicas) minus available pods, as calculateStatus counts it.</summary>
    public int UnavailableReplicas => Math.Max(0, DesiredTotal - AvailableReplicas);

    /// <summary>calculateStatus in sync.go: sums of the sets' observed status, the new set alone for updatedReplicas.</summary>
    public static DeploymentStatusCounts From(IReadOnlyList<ReplicaSetView> all, ReplicaSetView? newRs) => new(
        all.Sum(r => r.StatusReplicas), newRs?.StatusReplicas ?? 0, all.Sum(r => r.ReadyReplicas), all.Sum(r => r.AvailableReplicas),
        all.Sum(r => r.SpecReplicas));

    public static DeploymentStatusCounts Of(JsonNode? status) => new(
        ReplicaSetView.Int(status?["replicas"], 0), ReplicaSetView.Int(status?["updatedReplicas"], 0),
        ReplicaSetView.Int(status?["readyReplicas"], 0), ReplicaSetView.Int(status?["availableReplicas"], 0));
}
