using System.Globalization;
using System.Text.Json.Nodes;
using Emulator.Domain.Printing;

namespace Emulator.Domain.Resources.Batch.Jobs;

public sealed class JobResource : ResourceDefinition
{
    public override ResourceKind Kind { get; } = new("batch", "v1", "Job", "jobs", "job", Namespaced: true,
        ShortNames: [], Categories: ["all"], Subresources: ["status"]);

    public override ITablePrinter Printer { get; } = new JobTablePrinter();

    public override ResourceStrategy Strategy { get; } = new JobStrategy();

    // JobToSelectableFields (pkg/registry/batch/job/strategy.go).
    public override IReadOnlyDictionary<string, Func<JsonObject, string?>> FieldSelectors { get; } =
        new Dictionary<string, Func<JsonObject, string?>>
        {
            ["status.successful"] = o => (Workloads.JsonNumber.Long(o["status"]?["succeeded"]) ?? 0).ToString(CultureInfo.InvariantCulture),
        };
}
