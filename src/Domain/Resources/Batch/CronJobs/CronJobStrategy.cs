using System.Text.Json.Nodes;
using Emulator.Domain.Errors;

namespace Emulator.Domain.Resources.Batch.CronJobs;

/// <summary>cronJobStrategy (pkg/registry/batch/cronjob/strategy.go).</summary>
public sealed class CronJobStrategy : ResourceStrategy
{
    public override bool HasStatusSubresource => true;

    public override bool TracksGeneration => true;

    public override void PrepareForCreate(JsonObject obj)
    {
        BatchDefaults.ApplyCronJob(obj);
        base.PrepareForCreate(obj);
    }

    public override void PrepareForUpdate(JsonObject obj, JsonObject old)
    {
        BatchDefaults.ApplyCronJob(obj);
        base.PrepareForUpdate(obj, old);
    }

    public override IEnumerable<FieldError> Validate(JsonObject obj) => BatchValidation.CronJob(obj, old: null);

    public override IEnumerable<FieldError> ValidateUpdate(JsonObject obj, JsonObject old) => BatchValidation.CronJob(obj, old);
}
