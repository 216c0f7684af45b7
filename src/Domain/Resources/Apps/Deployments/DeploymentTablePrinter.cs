using System.Globalization;
using System.Text.Json.Nodes;
using Emulator.Domain.Printing;
using Emulator.Domain.Selectors;

namespace Emulator.Domain.Resources.Apps.Deployments;

/// <summary>kubectl get deployments: printDeployment in pkg/printers/internalversion/printers.go.</summary>
public sealed class DeploymentTablePrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        StandardColumns.Name,
        new("Ready", Description: "Number of the pod with ready state"),
        // Declared as strings although the cells are integers, as in printers.go.
        new("Up-to-date", Description: "Total number of non-terminated pods targeted by this deployment that have the desired template spec."),
        new("Available", Description: "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment."),
        StandardColumns.Age,
        StandardColumns.Containers,
        StandardColumns.Images,
        new("Selector", Priority: 1, Description: "Label selector for pods."),
    ];

    public object?[] Cells(JsonObject obj, DateTimeOffset now)
    {
        var spec = obj["spec"];
        var status = obj["status"];
        var (containers, images) = ContainerCells.Layout(spec?["template"]?["spec"]);
        var ready = JsonRead.Int(status, "readyReplicas").ToString(CultureInfo.InvariantCulture);
        var desired = JsonRead.Int(spec, "replicas").ToString(CultureInfo.InvariantCulture);
        return
        [
            obj.Name(),
            $"{ready}/{desired}",
            JsonRead.Int(status, "updatedReplicas"),
            JsonRead.Int(status, "availableReplicas"),
            HumanDuration.Age(obj, now),
            containers,
            images,
            SelectorText(spec?["selector"]),
        ];
    }

    // printDeployment prints LabelSelectorAsSelector(...).String() itself: "" (not "<none>") for an empty
    // selector, "<invalid>" for one that does not convert.
    private static string SelectorText(JsonNode? selector)
    {
        try
        {
            return LabelSelector.FromJson(selector).ToString();
        }
        catch (SelectorParseException)
        {
            return "<invalid>";
        }
    }
}
