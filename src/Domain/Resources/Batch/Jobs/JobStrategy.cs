using System.Text.Json.Nodes;
using Emulator.Domain.Errors;

namespace Emulator.Domain.Resources.Batch.Jobs;

/// <summary>jobStrategy (pkg/registry/batch/job/strategy.go): defaults, the generated selector, validation.</summary>
public sealed class JobStrategy : ResourceStrategy
{
    public override bool HasStatusSubresource => true;

    public override bool TracksGeneration => true;

    // DefaultGarbageCollectionPolicy: batch/v1 orphans a job's pods unless the client asks otherwise (kubectl does).
    public override string? DefaultPropagationPolicy => "Orphan";

    public override void PrepareForCreate(JsonObject obj)
    {
        BatchDefaults.ApplyJob(obj);
        GenerateSelectorIfNeeded(obj);
        BatchDefaults.CopyTemplateLabels(obj);
        base.PrepareForCreate(obj);
    }

    public override void PrepareForUpdate(JsonObject obj, JsonObject old)
    {
        BatchDefaults.ApplyJob(obj);
        base.PrepareForUpdate(obj, old);
    }

    public override IEnumerable<FieldError> Validate(JsonObject obj) => BatchValidation.JobSpec(obj["spec"] as JsonObject, "spec");

    public override IEnumerable<FieldError> ValidateUpdate(JsonObject obj, JsonObject old) =>
        Validate(obj).Concat(BatchValidation.JobSpecUpdate(obj["spec"] as JsonObject, old["spec"] as JsonObject, "spec"));

    /// <summary>
    /// generateSelector: unless manualSelector, the template gets batch.kubernetes.io/job-name, job-name,
    /// batch.kubernetes.io/controller-uid and controller-uid, and the selector matches the prefixed uid label.
    /// </summary>
    public static void GenerateSelectorIfNeeded(JsonObject job)
    {
        if (job["spec"] is not JsonObject spec) return;
        if (spec["manualSelector"] is JsonValue m && m.TryGetValue<bool>(out var manual) && manual) return;
        if (spec["template"] is not JsonObject template) spec["template"] = template = new JsonObject();
        if (template["metadata"] is not JsonObject meta) template["metadata"] = meta = new JsonObject();
        if (meta["labels"] is not JsonObject labels) meta["labels"] = labels = new JsonObject();
        var uid = job.Meta().Str("uid") ?? "";
        foreach (var key in new[] { "batch.kubernetes.io/controller-uid", "batch.kubernetes.io/job-name", "controller-uid", "job-name" })
            if (labels[key] is null) labels[key] = key.EndsWith("uid", StringComparison.Ordinal) ? uid : job.Name();
        if (spec["selector"] is not JsonObject selector) spec["selector"] = selector = new JsonObject();
        if (selector["matchLabels"] is not JsonObject matchLabels) selector["matchLabels"] = matchLabels = new JsonObject();
        if (matchLabels["batch.kubernetes.io/controller-uid"] is null) matchLabels["batch.kubernetes.io/controller-uid"] = uid;
    }
}
