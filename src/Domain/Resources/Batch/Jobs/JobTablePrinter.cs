using System.Globalization;
using System.Text.Json.Nodes;
using Emulator.Domain.Printing;
using Emulator.Domain.Selectors;
using Emulator.Domain.Workloads;

namespace Emulator.Domain.Resources.Batch.Jobs;

/// <summary>kubectl get jobs: printJob in pkg/printers/internalversion/printers.go (v1.35, with the Status column).</summary>
public sealed class JobTablePrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        StandardColumns.Name,
        new("Status", Description: "Status of the job."),
        new("Completions", Description: "The number of pods which reached phase Succeeded. The value increases monotonically for a given spec. However, it may decrease in reaction to scale down of elastic indexed jobs."),
        new("Duration", Description: "Time required to complete the job."),
        StandardColumns.Age,
        StandardColumns.Containers,
        StandardColumns.Images,
        new("Selector", Priority: 1, Description: "A label query over pods that should match the pod count. Normally, the system sets this field for you. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors"),
    ];

    public object?[] Cells(JsonObject obj, DateTimeOffset now)
    {
        var spec = obj["spec"];
        var status = obj["status"];
        var (containers, images) = ContainerCells.Layout(spec?["template"]?["spec"]);
        return
        [
            obj.Name(),
            Status(obj),
            Completions(spec, status),
            Duration(status, now),
            HumanDuration.Age(obj, now),
            containers,
            images,
            LabelSelector.FormatForDisplay(spec?["selector"]),
        ];
    }

    private static string Status(JsonObject job)
    {
        var conditions = job["status"]?["conditions"];
        bool Has(string type) => Conditions.Find(conditions, type)?.Str("status") == "True";
        if (Has("Complete")) return "Complete";
        if (Has("Failed")) return "Failed";
        if (job.Meta()["deletionTimestamp"] is not null) return "Terminating";
        if (Has("Suspended")) return "Suspended";
        if (Has("FailureTarget")) return "FailureTarget";
        if (Has("SuccessCriteriaMet")) return "SuccessCriteriaMet";
        return "Running";
    }

    private static string Completions(JsonNode? spec, JsonNode? status)
    {
        var succeeded = JsonRead.Int(status, "succeeded");
        if (JsonNumber.Long(spec?["completions"]) is { } completions)
            return string.Create(CultureInfo.InvariantCulture, $"{succeeded}/{completions}");
        var parallelism = JsonRead.Int(spec, "parallelism");
        return parallelism > 1
            ? string.Create(CultureInfo.InvariantCulture, $"{succeeded}/1 of {parallelism}")
            : string.Create(CultureInfo.InvariantCulture, $"{succeeded}/1");
    }

    private static string Duration(JsonNode? status, DateTimeOffset now)
    {
        if (HumanDuration.ParseTime(status?["startTime"]) is not { } start) return "";
        var end = HumanDuration.ParseTime(status?["completionTime"]);
        return end is { } e ? HumanDuration.Format(e - start) : HumanDuration.Format(now - start);
    }
}
