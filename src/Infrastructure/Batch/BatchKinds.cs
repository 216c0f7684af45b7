using Emulator.Domain.Resources;

namespace Emulator.Infrastructure.Batch;

/// <summary>The batch/v1 definitions the job, cron job and TTL controllers write, looked up once from the catalog.</summary>
public sealed class BatchKinds(ResourceCatalog catalog)
{
    public ResourceDefinition Jobs { get; } = catalog.Get("batch", "Job");
    public ResourceDefinition CronJobs { get; } = catalog.Get("batch", "CronJob");
}
