using System.Text.Json.Nodes;
using Emulator.Domain.Errors;
using Emulator.Domain.Validation;

namespace Emulator.Domain.Resources.Core.Services;

/// <summary>
/// The Service write strategy (k/k pkg/registry/core/service/strategy.go). Allocation of clusterIPs and nodePorts is
/// not here: it needs shared state, so it runs in the Service admission hook after these Prepare* methods.
/// </summary>
public sealed class ServiceStrategy : ResourceStrategy
{
    private static readonly ServiceValidator Validator = new();

    public override bool AllowCreateOnUpdate => true;

    public override bool HasStatusSubresource => true;

    public override NameRule NameRule => NameRule.Dns1035;

    public override void PrepareForCreate(JsonObject obj)
    {
        base.PrepareForCreate(obj);
        obj["status"] = new JsonObject { ["loadBalancer"] = new JsonObject() };
        ServiceDefaults.Apply(obj);
        ServiceUpdatePreparation.NormalizeClusterIpsOnCreate(obj);
    }

    public override void PrepareForUpdate(JsonObject obj, JsonObject old)
    {
        base.PrepareForUpdate(obj, old);
        if (obj["status"] is null) obj["status"] = new JsonObject { ["loadBalancer"] = new JsonObject() };
        ServiceDefaults.Apply(obj);
        ServiceUpdatePreparation.PrepareForUpdate(obj, old);
    }

    public override void PrepareForStatusUpdate(JsonObject obj, JsonObject old)
    {
        base.PrepareForStatusUpdate(obj, old);
        ServiceDefaults.DefaultIngressIpMode(obj);
    }

    public override IEnumerable<FieldError> Validate(JsonObject obj) => Validator.Check(obj, null);

    public override IEnumerable<FieldError> ValidateUpdate(JsonObject obj, JsonObject old) => Validator.Check(obj, old);
}
