using System.Text.Json.Nodes;

namespace Emulator.Domain.Resources.Core.Services;

public sealed class ServiceStrategy : ResourceStrategy
{
    public override bool AllowCreateOnUpdate => true;

    public override bool HasStatusSubresource => true;

    public override Emulator.Domain.Validation.NameRule NameRule => Emulator.Domain.Validation.NameRule.Dns1035;

    // Static defaults of pkg/apis/core/v1/defaults.go SetDefaults_Service; allocation lives with the Service issue.
    public override void PrepareForCreate(JsonObject obj)
    {
        base.PrepareForCreate(obj);
        obj["status"] = new JsonObject { ["loadBalancer"] = new JsonObject() };
        ServiceDefaults.Apply(obj);
    }

    public override void PrepareForUpdate(JsonObject obj, JsonObject old)
    {
        base.PrepareForUpdate(obj, old);
        ServiceDefaults.Apply(obj);
    }
}
