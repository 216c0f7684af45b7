using System.Text.Json;
using System.Text.Json.Nodes;
using Emulator.Domain.Errors;
using Emulator.Domain.Resources.Core.Services;
using Emulator.Domain.Selectors;
using Emulator.Domain.Workloads;
using Emulator.Domain.Workloads.Jobs;

namespace Emulator.Domain.Resources.Batch;

/// <summary>The parts of pkg/apis/batch/validation/validation.go (v1.35) this server checks, with the real field paths and messages.</summary>
public static class BatchValidation
{
    private static readonly string[] RestartPolicies = ["OnFailure", "Never"];
    private static readonly string[] CompletionModes = ["NonIndexed", "Indexed"];
    private static readonly string[] ReplacementPolicies = ["TerminatingOrFailed", "Failed"];
    private static readonly string[] ConcurrencyPolicies = ["Allow", "Forbid", "Replace"];

    public static IEnumerable<FieldError> JobSpec(JsonObject? spec, string path)
    {
        spec ??= new JsonObject();
        foreach (var name in new[] { "parallelism", "completions", "activeDeadlineSeconds", "backoffLimit", "ttlSecondsAfterFinished" })
            if (JsonNumber.Long(spec[name]) is { } n && n < 0)
                yield return FieldError.Invalid($"{path}.{name}", n, "must be greater than or equal to 0");
        var mode = spec.Str("completionMode");
        if (mode is not null && !CompletionModes.Contains(mode))
            yield return FieldError.NotSupported($"{path}.completionMode", mode, CompletionModes);
        if (mode == "Indexed" && spec["completions"] is null)
            yield return FieldError.Required($"{path}.completions", "when completion mode is Indexed");
        if (spec.Str("podReplacementPolicy") is { } replacement && !ReplacementPolicies.Contains(replacement))
            yield return FieldError.NotSupported($"{path}.podReplacementPolicy", replacement, ReplacementPolicies);
        if (spec["selector"] is not JsonObject selector)
            yield return FieldError.Required($"{path}.selector");
        else if (spec["template"]?["metadata"]?["labels"] is var labels && !Selects(selector, labels))
            yield return FieldError.Invalid($"{path}.template.metadata.labels", GoStringMap(labels), "`selector` does not match template `labels`");
        var podSpec = spec["template"]?["spec"] as JsonObject;
        if (podSpec?["containers"] is not JsonArray { Count: > 0 })
            yield return FieldError.Required($"{path}.template.spec.containers");
        var restartPolicy = podSpec.Str("restartPolicy") ?? "";
        if (!RestartPolicies.Contains(restartPolicy))
            yield return FieldError.NotSupported($"{path}.template.spec.restartPolicy", restartPolicy, RestartPolicies);
    }

    /// <summary>ValidateJobSpecUpdate: selector, template, completion mode and (outside elastic Indexed jobs) completions are immutable.</summary>
    public static IEnumerable<FieldError> JobSpecUpdate(JsonObject? spec, JsonObject? old, string path)
    {
        if (spec is null || old is null) yield break;
        if (!JsonNode.DeepEquals(spec["selector"], old["selector"]))
            yield return FieldError.Invalid($"{path}.selector", GoLabelSelector(spec["selector"]), "field is immutable");
        if (!JsonNode.DeepEquals(spec["template"], old["template"]))
            // The real message prints the whole internal core.PodTemplateSpec with %#v; its contents are abbreviated here.
            yield return FieldError.Invalid($"{path}.template", new GoSyntax.Raw("core.PodTemplateSpec{...}"), "field is immutable");
        if (spec.Str("completionMode") != old.Str("completionMode"))
            yield return FieldError.Invalid($"{path}.completionMode", spec.Str("completionMode"), "field is immutable");
        var elastic = spec.Str("completionMode") == "Indexed"
            && JsonNumber.Long(spec["completions"]) == JsonNumber.Long(spec["parallelism"]);
        if (!elastic && !JsonNode.DeepEquals(spec["completions"], old["completions"]))
            yield return FieldError.Invalid($"{path}.completions", JsonNumber.Long(spec["completions"]), "field is immutable");
    }

    public static IEnumerable<FieldError> CronJob(JsonObject cronJob, JsonObject? old)
    {
        // ValidateCronJobCreate: job names append 11 characters to the cron job's name.
        if (old is null && cronJob.Name().Length > 52)
            yield return FieldError.Invalid("metadata.name", cronJob.Name(), "must be no more than 52 characters");
        var spec = cronJob["spec"] as JsonObject ?? new JsonObject();
        var schedule = spec.Str("schedule") ?? "";
        if (schedule.Length == 0) yield return FieldError.Required("spec.schedule");
        else
        {
            string? problem = null;
            try
            {
                CronSchedule.Parse(schedule);
            }
            catch (CronParseException e)
            {
                problem = e.Message;
            }
            if (problem is not null) yield return FieldError.Invalid("spec.schedule", schedule, problem);
            // TZ in the schedule is kept on objects that already had it, refused in new ones.
            var allowTz = old is not null && CronSchedule.HasTimeZonePrefix(old["spec"].Str("schedule") ?? "");
            if (allowTz && CronSchedule.HasTimeZonePrefix(schedule) && spec["timeZone"] is not null)
                yield return FieldError.Invalid("spec.schedule", schedule, "cannot use both timeZone field and TZ or CRON_TZ in schedule");
            else if (!allowTz && CronSchedule.HasTimeZonePrefix(schedule))
                yield return FieldError.Invalid("spec.schedule", schedule, "cannot use TZ or CRON_TZ in schedule, use timeZone field instead");
        }
        if (spec.Str("timeZone") is { } zone)
        {
            if (string.Equals(zone, "Local", StringComparison.OrdinalIgnoreCase))
                yield return FieldError.Invalid("spec.timeZone", zone, "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones");
            else if (CronSchedule.FindZone(zone) is null)
                yield return FieldError.Invalid("spec.timeZone", zone, $"unknown time zone {zone}");
        }
        if (spec.Str("concurrencyPolicy") is { } policy && !ConcurrencyPolicies.Contains(policy))
            yield return FieldError.NotSupported("spec.concurrencyPolicy", policy, ConcurrencyPolicies);
        foreach (var name in new[] { "startingDeadlineSeconds", "successfulJobsHistoryLimit", "failedJobsHistoryLimit" })
            if (JsonNumber.Long(spec[name]) is { } n && n < 0)
                yield return FieldError.Invalid($"spec.{name}", n, "must be greater than or equal to 0");
        // ValidateJobTemplateSpec: the template's selector is generated per job, so only the pod template is checked.
        var jobSpec = spec["jobTemplate"]?["spec"] as JsonObject;
        var podSpec = jobSpec?["template"]?["spec"] as JsonObject;
        if (podSpec?["containers"] is not JsonArray { Count: > 0 })
            yield return FieldError.Required("spec.jobTemplate.spec.template.spec.containers");
        var restartPolicy = podSpec.Str("restartPolicy") ?? "";
        if (!RestartPolicies.Contains(restartPolicy))
            yield return FieldError.NotSupported("spec.jobTemplate.spec.template.spec.restartPolicy", restartPolicy, RestartPolicies);
    }

    private static bool Selects(JsonObject selector, JsonNode? labels)
    {
        try
        {
            var parsed = LabelSelector.FromJson(selector);
            return parsed.Matches(JsonObjectExtensions.StringMap(labels));
        }
        catch (SelectorParseException)
        {
            return false;
        }
    }

    /// <summary>%#v of a map[string]string: keys sorted, as fmt prints maps.</summary>
    private static GoSyntax.Raw GoStringMap(JsonNode? map)
    {
        var entries = JsonObjectExtensions.StringMap(map);
        if (entries.Count == 0) return new GoSyntax.Raw("map[string]string(nil)");
        return new GoSyntax.Raw("map[string]string{" + string.Join(", ", entries.OrderBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => $"{GoSyntax.Quote(e.Key)}:{GoSyntax.Quote(e.Value)}")) + "}");
    }

    /// <summary>%#v of a *metav1.LabelSelector (dereferenced by the field error).</summary>
    private static GoSyntax.Raw GoLabelSelector(JsonNode? selector)
    {
        if (selector is not JsonObject s) return new GoSyntax.Raw("null");
        var expressions = s["matchExpressions"] is JsonArray { Count: > 0 } list
            ? "[]v1.LabelSelectorRequirement{" + string.Join(", ", list.OfType<JsonObject>().Select(r =>
                $"v1.LabelSelectorRequirement{{Key:{GoSyntax.Quote(r.Str("key") ?? "")}, Operator:{GoSyntax.Quote(r.Str("operator") ?? "")}, Values:{GoSyntax.StringSlice((r["values"] as JsonArray ?? []).Select(v => v?.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : ""))}}}")) + "}"
            : "[]v1.LabelSelectorRequirement(nil)";
        return new GoSyntax.Raw($"v1.LabelSelector{{MatchLabels:{GoStringMap(s["matchLabels"])}, MatchExpressions:{expressions}}}");
    }
}
