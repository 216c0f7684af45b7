using System.Text.Json.Nodes;
using Emulator.Domain.Resources.Core.Pods;

namespace Emulator.Domain.Resources.Apps;

/// <summary>SetDefaults_Deployment and SetDefaults_ReplicaSet of pkg/apis/apps/v1/defaults.go.</summary>
public static class WorkloadDefaults
{
    public static void ApplyDeployment(JsonObject d)
    {
        var spec = Spec(d);
        PodSpecDefaults.SetIfMissing(spec, "replicas", 1);
        if (spec["strategy"] is not JsonObject strategy) spec["strategy"] = strategy = new JsonObject();
        PodSpecDefaults.SetIfMissing(strategy, "type", "RollingUpdate");
        if (strategy.Str("type") == "RollingUpdate")
        {
            if (strategy["rollingUpdate"] is not JsonObject rolling) strategy["rollingUpdate"] = rolling = new JsonObject();
            PodSpecDefaults.SetIfMissing(rolling, "maxUnavailable", "25%");
            PodSpecDefaults.SetIfMissing(rolling, "maxSurge", "25%");
        }
        PodSpecDefaults.SetIfMissing(spec, "revisionHistoryLimit", 10);
        PodSpecDefaults.SetIfMissing(spec, "progressDeadlineSeconds", 600);
        ApplyTemplate(spec);
    }

    public static void ApplyReplicaSet(JsonObject rs)
    {
        var spec = Spec(rs);
        PodSpecDefaults.SetIfMissing(spec, "replicas", 1);
        ApplyTemplate(spec);
    }

    private static JsonObject Spec(JsonObject obj)
    {
        if (obj["spec"] is not JsonObject spec) obj["spec"] = spec = new JsonObject();
        return spec;
    }

    private static void ApplyTemplate(JsonObject spec)
    {
        if (spec["template"]?["spec"] is JsonObject podSpec) PodSpecDefaults.Apply(podSpec);
    }
}
