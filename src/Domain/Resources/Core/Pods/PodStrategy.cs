using System.Text.Json.Nodes;

namespace Emulator.Domain.Resources.Core.Pods;

public sealed class PodStrategy : ResourceStrategy
{
    // Default terminationGracePeriodSeconds (pkg/apis/core/v1/defaults.go).
    private const long DefaultGracePeriodSeconds = 30;

    public override bool HasStatusSubresource => true;

    // A new pod is Pending until a kubelet reports otherwise; qosClass is computed at admission on a real server.
    public override void PrepareForCreate(JsonObject obj)
    {
        base.PrepareForCreate(obj);
        if (obj["spec"] is JsonObject spec) PodSpecDefaults.Apply(spec);
        obj["status"] = new JsonObject { ["phase"] = "Pending", ["qosClass"] = PodSpecDefaults.QosClass(obj["spec"] as JsonObject) };
    }

    /// <summary>
    /// podStrategy.CheckGracefulDelete (pkg/registry/core/pod/strategy.go): the requested period, else the spec's
    /// terminationGracePeriodSeconds; none for a pod no kubelet runs (unscheduled) or one that already finished.
    /// </summary>
    public override long? GracefulDeletePeriod(JsonObject obj, long? requestedGracePeriodSeconds)
    {
        var period = requestedGracePeriodSeconds
            ?? Workloads.JsonNumber.Long(obj["spec"]?["terminationGracePeriodSeconds"]) ?? DefaultGracePeriodSeconds;
        if (string.IsNullOrEmpty(obj["spec"].Str("nodeName"))) return null;
        if (obj["status"].Str("phase") is "Succeeded" or "Failed") return null;
        return period > 0 ? period : null;
    }
}
