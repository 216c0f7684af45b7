using Emulator.Domain.Printing;

namespace Emulator.Domain.Resources.Batch.CronJobs;

public sealed class CronJobResource : ResourceDefinition
{
    public override ResourceKind Kind { get; } = new("batch", "v1", "CronJob", "cronjobs", "cronjob", Namespaced: true,
        ShortNames: ["cj"], Categories: ["all"], Subresources: ["status"]);

    public override ITablePrinter Printer { get; } = new CronJobTablePrinter();

    public override ResourceStrategy Strategy { get; } = new CronJobStrategy();
}
