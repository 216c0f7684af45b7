using System.Text.Json.Nodes;

namespace Emulator.Domain.Resources.Core.Pods;

public sealed class PodStrategy : ResourceStrategy
{
    public override bool HasStatusSubresource => true;

    // A new pod is Pending until a kubelet reports otherwise; qosClass is computed at admission on a real server.
    public override void PrepareForCreate(JsonObject obj)
    {
        base.PrepareForCreate(obj);
        if (obj["spec"] is JsonObject spec) PodSpecDefaults.Apply(spec);
        obj["status"] = new JsonObject { ["phase"] = "Pending", ["qosClass"] = PodSpecDefaults.QosClass(obj["spec"] as JsonObject) };
    }
}
