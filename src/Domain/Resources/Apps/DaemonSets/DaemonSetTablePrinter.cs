using System.Text.Json.Nodes;
using Emulator.Domain.Printing;
using Emulator.Domain.Selectors;

namespace Emulator.Domain.Resources.Apps.DaemonSets;

/// <summary>kubectl get daemonsets: printDaemonSet in pkg/printers/internalversion/printers.go.</summary>
public sealed class DaemonSetTablePrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        StandardColumns.Name,
        new("Desired", Type: "integer", Description: "The total number of nodes that should be running the daemon pod (including nodes correctly running the daemon pod)."),
        new("Current", Type: "integer", Description: "The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod."),
        new("Ready", Type: "integer", Description: "numberReady is the number of nodes that should be running the daemon pod and have one or more of the daemon pod running with a Ready Condition."),
        new("Up-to-date", Type: "integer", Description: "The total number of nodes that are running updated daemon pod"),
        new("Available", Type: "integer", Description: "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available (ready for at least spec.minReadySeconds)"),
        new("Node Selector", Description: "NodeSelector is a selector which must be true for the pod to fit on a node."),
        StandardColumns.Age,
        StandardColumns.Containers,
        StandardColumns.Images,
        new("Selector", Priority: 1, Description: "A label query over pods that are managed by the daemon set."),
    ];

    public object?[] Cells(JsonObject obj, DateTimeOffset now)
    {
        var spec = obj["spec"];
        var status = obj["status"];
        var (containers, images) = ContainerCells.Layout(spec?["template"]?["spec"]);
        return
        [
            obj.Name(),
            JsonRead.Int(status, "desiredNumberScheduled"),
            JsonRead.Int(status, "currentNumberScheduled"),
            JsonRead.Int(status, "numberReady"),
            JsonRead.Int(status, "updatedNumberScheduled"),
            JsonRead.Int(status, "numberAvailable"),
            LabelCells.Format(spec?["template"]?["spec"]?["nodeSelector"]),
            HumanDuration.Age(obj, now),
            containers,
            images,
            LabelSelector.FormatForDisplay(spec?["selector"]),
        ];
    }
}
