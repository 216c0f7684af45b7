using System.Text.Json.Nodes;

namespace Emulator.Domain.Resources.Apps.DaemonSets;

/// <summary>pkg/registry/apps/daemonset/strategy.go: defaults, generation and template generation, validation.</summary>
public sealed class DaemonSetStrategy : ResourceStrategy
{
    public override bool HasStatusSubresource => true;

    public override bool TracksGeneration => true;

    public override void PrepareForCreate(JsonObject obj)
    {
        DaemonSetDefaults.Apply(obj);
        base.PrepareForCreate(obj);
        if (DaemonSetDefaults.TemplateGeneration(obj) < 1) DaemonSetDefaults.SetTemplateGeneration(obj, 1);
    }

    // Only a template change moves templateGeneration; the annotation a client sends is not its to set.
    public override void PrepareForUpdate(JsonObject obj, JsonObject old)
    {
        DaemonSetDefaults.Apply(obj);
        base.PrepareForUpdate(obj, old);
        var generation = DaemonSetDefaults.TemplateGeneration(old);
        if (!JsonNode.DeepEquals(obj["spec"]?["template"], old["spec"]?["template"])) generation++;
        DaemonSetDefaults.SetTemplateGeneration(obj, Math.Max(generation, 1));
    }

    public override IEnumerable<Errors.FieldError> Validate(JsonObject obj) => DaemonSetValidation.Validate(obj);

    public override IEnumerable<Errors.FieldError> ValidateUpdate(JsonObject obj, JsonObject old) => DaemonSetValidation.ValidateUpdate(obj, old);
}
