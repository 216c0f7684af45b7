using System.Text.Json.Nodes;

namespace Emulator.Domain.Resources.Core.Secrets;

/// <summary>SetDefaults_Secret: a secret without a type is Opaque.</summary>
public sealed class SecretStrategy : ResourceStrategy
{
    public override void PrepareForCreate(JsonObject obj)
    {
        base.PrepareForCreate(obj);
        if (string.IsNullOrEmpty(obj.Str("type"))) obj["type"] = "Opaque";
    }

    public override void PrepareForUpdate(JsonObject obj, JsonObject old)
    {
        base.PrepareForUpdate(obj, old);
        if (string.IsNullOrEmpty(obj.Str("type"))) obj["type"] = "Opaque";
    }
}
