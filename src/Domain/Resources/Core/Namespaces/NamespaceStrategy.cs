using System.Text.Json.Nodes;

namespace Emulator.Domain.Resources.Core.Namespaces;

/// <summary>New namespaces are Active and carry the kubernetes finalizer and the immutable name label, as on a real server.</summary>
public sealed class NamespaceStrategy : ResourceStrategy
{
    public override bool HasStatusSubresource => true;

    public override Emulator.Domain.Validation.NameRule NameRule => Emulator.Domain.Validation.NameRule.Label;

    public override void PrepareForCreate(JsonObject obj)
    {
        base.PrepareForCreate(obj);
        obj["status"] = new JsonObject { ["phase"] = "Active" };
        obj["spec"] = new JsonObject { ["finalizers"] = new JsonArray("kubernetes") };
        AddNameLabel(obj);
    }

    public override void PrepareForUpdate(JsonObject obj, JsonObject old)
    {
        base.PrepareForUpdate(obj, old);
        obj["spec"] = old["spec"]?.DeepClone();
        AddNameLabel(obj);
    }

    // The namespace controller empties a terminating namespace, then clears spec.finalizers through /finalize.
    public override bool ReadyToDelete(JsonObject obj) =>
        base.ReadyToDelete(obj) && obj["spec"]?["finalizers"] is not JsonArray { Count: > 0 };

    private static void AddNameLabel(JsonObject obj)
    {
        var meta = obj.Meta();
        if (meta["labels"] is not JsonObject labels) meta["labels"] = labels = new JsonObject();
        labels["kubernetes.io/metadata.name"] = obj.Name();
    }
}
