using System.Text.Json.Nodes;
using Emulator.Domain.Resources;

namespace Emulator.Domain.Workloads;

/// <summary>The parts of a Deployment spec the rollout arithmetic needs (already defaulted by the strategy).</summary>
public sealed record DeploymentSpecView(int Replicas, string StrategyType, JsonNode? MaxSurge, JsonNode? MaxUnavailable, int MinReadySeconds,
    int RevisionHistoryLimit, int ProgressDeadlineSeconds, bool Paused)
{
    public bool IsRollingUpdate => StrategyType == "RollingUpdate";

    /// <summary>HasProgressDeadline: progressDeadlineSeconds of MaxInt32 means no deadline (and no Progressing condition).</summary>
    public bool HasProgressDeadline => ProgressDeadlineSeconds != int.MaxValue;

    public static DeploymentSpecView From(JsonObject deployment)
    {
        var spec = deployment["spec"];
        var rolling = spec?["strategy"]?["rollingUpdate"];
        return new DeploymentSpecView(
            ReplicaSetView.Int(spec?["replicas"], 1),
            spec?["strategy"].Str("type") ?? "RollingUpdate",
            rolling?["maxSurge"]?.DeepClone() ?? JsonValue.Create("25%"),
            rolling?["maxUnavailable"]?.DeepClone() ?? JsonValue.Create("25%"),
            ReplicaSetView.Int(spec?["minReadySeconds"], 0),
            ReplicaSetView.Int(spec?["revisionHistoryLimit"], 10),
            ReplicaSetView.Int(spec?["progressDeadlineSeconds"], 600),
            spec?["paused"] is JsonValue p && p.TryGetValue<bool>(out var paused) && paused);
    }
}
