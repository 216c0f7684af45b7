using System.Text.Json.Nodes;
using Emulator.Domain.Printing;
using Emulator.Domain.Selectors;

namespace Emulator.Domain.Resources.Batch.CronJobs;

/// <summary>kubectl get cronjobs: printCronJob in pkg/printers/internalversion/printers.go (v1.35, with Timezone).</summary>
public sealed class CronJobTablePrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        StandardColumns.Name,
        new("Schedule", Description: "The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron."),
        new("Timezone", Description: "The time zone name for the given schedule, see https://en.wikipedia.org/wiki/List_of_tz_database_time_zones. If not specified, this will default to the time zone of the kube-controller-manager process. The set of valid time zone names and the time zone offset is loaded from the system-wide time zone database by the API server during CronJob validation and the controller manager during execution. If no system-wide time zone database can be found a bundled version of the database is used instead. If the time zone name becomes invalid during the lifetime of a CronJob or due to a change in host configuration, the controller will stop creating new new Jobs and will create a system event with the reason UnknownTimeZone. More information can be found in https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#time-zones"),
        new("Suspend", Type: "boolean", Description: "This flag tells the controller to suspend subsequent executions, it does not apply to already started executions. Defaults to false."),
        new("Active", Type: "integer", Description: "A list of pointers to currently running jobs."),
        new("Last Schedule", Description: "Information when was the last time the job was successfully scheduled."),
        StandardColumns.Age,
        StandardColumns.Containers,
        StandardColumns.Images,
        new("Selector", Priority: 1, Description: "A label query over pods that should match the pod count. Normally, the system sets this field for you. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors"),
    ];

    public object?[] Cells(JsonObject obj, DateTimeOffset now)
    {
        var spec = obj["spec"];
        var status = obj["status"];
        var jobSpec = spec?["jobTemplate"]?["spec"];
        var (containers, images) = ContainerCells.Layout(jobSpec?["template"]?["spec"]);
        return
        [
            obj.Name(),
            JsonRead.Str(spec, "schedule"),
            JsonRead.StrOrNull(spec, "timeZone") ?? "<none>",
            // printBoolPtr: "<unset>" for nil; the defaulter always sets it.
            JsonRead.Has(spec, "suspend") ? (JsonRead.Bool(spec, "suspend") ? "True" : "False") : "<unset>",
            (long)JsonRead.Count(status, "active"),
            JsonRead.Has(status, "lastScheduleTime") ? HumanDuration.Since(status?["lastScheduleTime"], now) : "<none>",
            HumanDuration.Age(obj, now),
            containers,
            images,
            LabelSelector.FormatForDisplay(jobSpec?["selector"]),
        ];
    }
}
