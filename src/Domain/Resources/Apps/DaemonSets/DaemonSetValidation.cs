using System.Text.Json;
using System.Text.Json.Nodes;
using Emulator.Domain.Errors;
using Emulator.Domain.Selectors;
using Emulator.Domain.Workloads;
using Raw = Emulator.Domain.Resources.Core.Services.GoSyntax.Raw;

namespace Emulator.Domain.Resources.Apps.DaemonSets;

/// <summary>
/// ValidateDaemonSetSpec and ValidateDaemonSetUpdate of pkg/apis/apps/validation/validation.go, with bad values
/// rendered as the apiserver's field errors do for Go structs and maps (%#v).
/// </summary>
public static class DaemonSetValidation
{
    public static IEnumerable<FieldError> Validate(JsonObject ds)
    {
        var spec = ds["spec"] as JsonObject ?? new JsonObject();
        var selectorNode = spec["selector"];
        var templateLabels = spec["template"]?["metadata"]?["labels"];
        LabelSelector? selector = null;
        string? selectorError = null;
        try
        {
            selector = LabelSelector.FromJson(selectorNode);
        }
        catch (SelectorParseException e)
        {
            selectorError = e.Message;
        }
        if (selectorError is not null) yield return FieldError.Invalid("spec.selector", new Raw(GoLabelSelector(selectorNode)), selectorError);
        if (selector is not null && !selector.Matches(JsonObjectExtensions.StringMap(templateLabels)))
            yield return FieldError.Invalid("spec.template.metadata.labels", new Raw(GoStringMap(templateLabels)), "`selector` does not match template `labels`");
        if (selectorNode is JsonObject s && Count(s["matchLabels"]) + Count(s["matchExpressions"]) == 0)
            yield return FieldError.Invalid("spec.selector", new Raw(GoLabelSelector(s)), "empty selector is invalid for daemonset");

        var podSpec = spec["template"]?["spec"];
        if (podSpec.Str("restartPolicy") is { } restart && restart != "Always")
            yield return FieldError.NotSupported("spec.template.spec.restartPolicy", restart, ["Always"]);
        if (podSpec?["activeDeadlineSeconds"] is not null)
            yield return FieldError.Forbidden("spec.template.spec.activeDeadlineSeconds", "activeDeadlineSeconds in DaemonSet is not Supported");
        foreach (var field in new[] { "minReadySeconds", "revisionHistoryLimit" })
            if (JsonNumber.Long(spec[field]) is long n and < 0)
                yield return FieldError.Invalid($"spec.{field}", n, "must be greater than or equal to 0");
        foreach (var e in UpdateStrategy(spec["updateStrategy"] as JsonObject)) yield return e;
    }

    public static IEnumerable<FieldError> ValidateUpdate(JsonObject ds, JsonObject old)
    {
        var errors = Validate(ds).ToList();
        if (!JsonNode.DeepEquals(Normalized(ds["spec"]?["selector"]), Normalized(old["spec"]?["selector"])))
            errors.Add(FieldError.Invalid("spec.selector", new Raw(GoLabelSelector(ds["spec"]?["selector"])), "field is immutable"));
        return errors;
    }

    /// <summary>ValidateDaemonSetUpdateStrategy and ValidateRollingUpdateDaemonSet.</summary>
    private static IEnumerable<FieldError> UpdateStrategy(JsonObject? strategy)
    {
        var type = strategy.Str("type") ?? "";
        if (type == "OnDelete") yield break;
        if (type != "RollingUpdate")
        {
            var rolling = strategy?["rollingUpdate"] is JsonObject ? "(*apps.RollingUpdateDaemonSet)(0xc000000000)" : "(*apps.RollingUpdateDaemonSet)(nil)";
            yield return FieldError.NotSupported("spec.updateStrategy",
                new Raw($"apps.DaemonSetUpdateStrategy{{Type:{GoQuote.Quote(type)}, RollingUpdate:{rolling}}}"), ["RollingUpdate", "OnDelete"]);
            yield break;
        }
        if (strategy?["rollingUpdate"] is not JsonObject update)
        {
            yield return FieldError.Required("spec.updateStrategy.rollingUpdate");
            yield break;
        }
        var hasUnavailable = IntOrPercent.Scaled(update["maxUnavailable"], 100, roundUp: true) != 0;
        var hasSurge = IntOrPercent.Scaled(update["maxSurge"], 100, roundUp: true) != 0;
        if (hasUnavailable && hasSurge)
            yield return FieldError.Invalid("spec.updateStrategy.rollingUpdate.maxSurge", new Raw(GoIntOrString(update["maxSurge"])),
                "may not be set when maxUnavailable is non-zero");
        else if (!hasUnavailable && !hasSurge)
            yield return FieldError.Required("spec.updateStrategy.rollingUpdate.maxUnavailable", "cannot be 0 when maxSurge is 0");
    }

    private static int Count(JsonNode? node) => node switch { JsonObject o => o.Count, JsonArray a => a.Count, _ => 0 };

    // A selector with "matchLabels": {} equals one without it once decoded into the Go struct.
    private static JsonNode? Normalized(JsonNode? selector)
    {
        if (selector is not JsonObject s) return null;
        var copy = new JsonObject();
        if (s["matchLabels"] is JsonObject { Count: > 0 } labels) copy["matchLabels"] = labels.DeepClone();
        if (s["matchExpressions"] is JsonArray { Count: > 0 } expressions) copy["matchExpressions"] = expressions.DeepClone();
        return copy;
    }

    /// <summary>%#v of map[string]string: keys sorted, "map[string]string(nil)" for none.</summary>
    internal static string GoStringMap(JsonNode? map)
    {
        if (map is not JsonObject o) return "map[string]string(nil)";
        var pairs = o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{GoQuote.Quote(p.Key)}:{GoQuote.Quote(Text(p.Value))}");
        return $"map[string]string{{{string.Join(", ", pairs)}}}";
    }

    /// <summary>%#v of a dereferenced *v1.LabelSelector.</summary>
    internal static string GoLabelSelector(JsonNode? selector)
    {
        if (selector is not JsonObject s) return "null";
        var expressions = s["matchExpressions"] is JsonArray list
            ? "[]v1.LabelSelectorRequirement{" + string.Join(", ", list.Select(GoRequirement)) + "}"
            : "[]v1.LabelSelectorRequirement(nil)";
        return $"v1.LabelSelector{{MatchLabels:{GoStringMap(s["matchLabels"])}, MatchExpressions:{expressions}}}";
    }

    private static string GoRequirement(JsonNode? r)
    {
        var values = r?["values"] is JsonArray v ? "[]string{" + string.Join(", ", v.Select(x => GoQuote.Quote(Text(x)))) + "}" : "[]string(nil)";
        return $"v1.LabelSelectorRequirement{{Key:{GoQuote.Quote(r.Str("key") ?? "")}, Operator:{GoQuote.Quote(r.Str("operator") ?? "")}, Values:{values}}}";
    }

    /// <summary>%#v of a dereferenced *intstr.IntOrString.</summary>
    private static string GoIntOrString(JsonNode? value) =>
        value is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            ? $"intstr.IntOrString{{Type:0, IntVal:{JsonNumber.Int(v, 0)}, StrVal:\"\"}}"
            : $"intstr.IntOrString{{Type:1, IntVal:0, StrVal:{GoQuote.Quote(Text(value))}}}";

    private static string Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node?.ToJsonString() ?? "";
}
