using System.Text.Json.Nodes;
using Emulator.Domain.Printing;
using Emulator.Domain.Selectors;

namespace Emulator.Domain.Resources.Apps.ReplicaSets;

/// <summary>kubectl get replicasets: printReplicaSet in pkg/printers/internalversion/printers.go.</summary>
public sealed class ReplicaSetTablePrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        StandardColumns.Name,
        new("Desired", Type: "integer", Description: "Replicas is the number of desired replicas."),
        new("Current", Type: "integer", Description: "Replicas is the most recently observed number of replicas."),
        new("Ready", Type: "integer", Description: "The number of ready replicas for this replica set."),
        StandardColumns.Age,
        StandardColumns.Containers,
        StandardColumns.Images,
        new("Selector", Priority: 1, Description: "Selector is a label query over pods that should match the replica count."),
    ];

    public object?[] Cells(JsonObject obj, DateTimeOffset now)
    {
        var spec = obj["spec"];
        var status = obj["status"];
        var (containers, images) = ContainerCells.Layout(spec?["template"]?["spec"]);
        return
        [
            obj.Name(),
            JsonRead.Int(spec, "replicas"),
            JsonRead.Int(status, "replicas"),
            JsonRead.Int(status, "readyReplicas"),
            HumanDuration.Age(obj, now),
            containers,
            images,
            // metav1.FormatLabelSelector: "<none>" when empty, "<error>" when it does not convert.
            LabelSelector.FormatForDisplay(spec?["selector"]),
        ];
    }
}
