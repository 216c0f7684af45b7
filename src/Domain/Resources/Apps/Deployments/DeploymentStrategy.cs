using System.Text.Json.Nodes;
using Emulator.Domain.Resources.Core.Pods;

namespace Emulator.Domain.Resources.Apps.Deployments;

public sealed class DeploymentStrategy : ResourceStrategy
{
    public override bool HasStatusSubresource => true;

    public override bool TracksGeneration => true;

    // SetDefaults_Deployment (pkg/apis/apps/v1/defaults.go) runs before the generation comparison, as on decode.
    public override void PrepareForCreate(JsonObject obj)
    {
        WorkloadDefaults.ApplyDeployment(obj);
        base.PrepareForCreate(obj);
    }

    public override void PrepareForUpdate(JsonObject obj, JsonObject old)
    {
        WorkloadDefaults.ApplyDeployment(obj);
        base.PrepareForUpdate(obj, old);
    }
}
