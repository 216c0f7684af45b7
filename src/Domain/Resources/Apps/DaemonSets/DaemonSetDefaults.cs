using System.Globalization;
using System.Text.Json.Nodes;
using Emulator.Domain.Resources.Core.Pods;

namespace Emulator.Domain.Resources.Apps.DaemonSets;

/// <summary>SetDefaults_DaemonSet (pkg/apis/apps/v1/defaults.go) and the template generation the strategy keeps.</summary>
public static class DaemonSetDefaults
{
    /// <summary>
    /// apps/v1 has no spec.templateGeneration: the conversion keeps the internal field in this annotation, which a
    /// real cluster shows on every DaemonSet and which the controller copies into the pods' pod-template-generation.
    /// </summary>
    public const string TemplateGenerationAnnotation = "deprecated.daemonset.template.generation";

    public static void Apply(JsonObject ds)
    {
        if (ds["spec"] is not JsonObject spec) ds["spec"] = spec = new JsonObject();
        if (spec["updateStrategy"] is not JsonObject strategy) spec["updateStrategy"] = strategy = new JsonObject();
        PodSpecDefaults.SetIfMissing(strategy, "type", "RollingUpdate");
        if (strategy.Str("type") == "RollingUpdate")
        {
            if (strategy["rollingUpdate"] is not JsonObject rolling) strategy["rollingUpdate"] = rolling = new JsonObject();
            PodSpecDefaults.SetIfMissing(rolling, "maxUnavailable", 1);
            PodSpecDefaults.SetIfMissing(rolling, "maxSurge", 0);
        }
        PodSpecDefaults.SetIfMissing(spec, "revisionHistoryLimit", 10);
        if (spec["template"]?["spec"] is JsonObject podSpec) PodSpecDefaults.Apply(podSpec);
    }

    public static long TemplateGeneration(JsonObject ds) =>
        long.TryParse(ds.Meta()["annotations"].Str(TemplateGenerationAnnotation), NumberStyles.Integer, CultureInfo.InvariantCulture, out var g) ? g : 0;

    public static void SetTemplateGeneration(JsonObject ds, long generation)
    {
        var meta = ds.Meta();
        if (meta["annotations"] is not JsonObject annotations) meta["annotations"] = annotations = new JsonObject();
        annotations[TemplateGenerationAnnotation] = generation.ToString(CultureInfo.InvariantCulture);
    }
}
