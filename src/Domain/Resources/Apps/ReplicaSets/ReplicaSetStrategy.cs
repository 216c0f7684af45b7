using System.Text.Json.Nodes;
using Emulator.Domain.Resources.Core.Pods;

namespace Emulator.Domain.Resources.Apps.ReplicaSets;

public sealed class ReplicaSetStrategy : ResourceStrategy
{
    public override bool HasStatusSubresource => true;

    public override bool TracksGeneration => true;

    public override void PrepareForCreate(JsonObject obj)
    {
        WorkloadDefaults.ApplyReplicaSet(obj);
        base.PrepareForCreate(obj);
    }

    public override void PrepareForUpdate(JsonObject obj, JsonObject old)
    {
        WorkloadDefaults.ApplyReplicaSet(obj);
        base.PrepareForUpdate(obj, old);
    }
}
