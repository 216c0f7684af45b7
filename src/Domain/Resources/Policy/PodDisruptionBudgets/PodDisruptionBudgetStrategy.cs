using System.Text.Json.Nodes;
using Emulator.Domain.Errors;

namespace Emulator.Domain.Resources.Policy.PodDisruptionBudgets;

/// <summary>
/// pkg/registry/policy/poddisruptionbudget/strategy.go: status starts as the zero PodDisruptionBudgetStatus, generation
/// counts spec changes (the eviction subresource refuses while status.observedGeneration lags), and
/// ValidatePodDisruptionBudgetSpec's rules on minAvailable/maxUnavailable and unhealthyPodEvictionPolicy.
/// </summary>
public sealed class PodDisruptionBudgetStrategy : ResourceStrategy
{
    private static readonly string[] EvictionPolicies = ["AlwaysAllow", "IfHealthyBudget"];

    public override bool HasStatusSubresource => true;

    public override bool TracksGeneration => true;

    public override void PrepareForCreate(JsonObject obj)
    {
        base.PrepareForCreate(obj);
        obj["status"] = new JsonObject { ["disruptionsAllowed"] = 0, ["currentHealthy"] = 0, ["desiredHealthy"] = 0, ["expectedPods"] = 0 };
    }

    public override IEnumerable<FieldError> Validate(JsonObject obj)
    {
        var spec = obj["spec"] as JsonObject;
        if (spec?["minAvailable"] is not null && spec["maxUnavailable"] is not null)
            yield return FieldError.Invalid("spec", spec.ToJsonString(), "minAvailable and maxUnavailable cannot be both set");
        foreach (var field in new[] { "minAvailable", "maxUnavailable" })
        {
            if (spec?[field] is not JsonValue value) continue;
            if (value.TryGetValue<string>(out var text))
            {
                if (!IsPercent(text))
                    yield return FieldError.Invalid($"spec.{field}", text, "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')");
                else if (int.TryParse(text[..^1], System.Globalization.CultureInfo.InvariantCulture, out var percent) && percent > 100)
                    yield return FieldError.Invalid($"spec.{field}", text, "must not be greater than 100%");
            }
            else if (value.TryGetValue<long>(out var number) && number < 0)
            {
                yield return FieldError.Invalid($"spec.{field}", number, "must be greater than or equal to 0");
            }
        }
        if (spec?["unhealthyPodEvictionPolicy"] is JsonValue p && p.TryGetValue<string>(out var policy) && !EvictionPolicies.Contains(policy))
            yield return FieldError.NotSupported("spec.unhealthyPodEvictionPolicy", policy, EvictionPolicies);
    }

    private static bool IsPercent(string text) => text.Length > 1 && text[^1] == '%' && text[..^1].All(char.IsAsciiDigit);
}
