using System.Text.Json.Nodes;
using Emulator.Domain.Printing;

namespace Emulator.Domain.Resources.Policy.PodDisruptionBudgets;

/// <summary>kubectl get pdb: printPodDisruptionBudget in pkg/printers/internalversion/printers.go ("N/A" for the unset bound).</summary>
public sealed class PodDisruptionBudgetTablePrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        StandardColumns.Name,
        new("Min Available", Description: "The minimum number of pods that must be available."),
        new("Max Unavailable", Description: "The maximum number of pods that may be unavailable."),
        new("Allowed Disruptions", Type: "integer", Description: "Calculated number of pods that may be disrupted at this time."),
        StandardColumns.Age,
    ];

    public object?[] Cells(JsonObject obj, DateTimeOffset now)
    {
        var spec = obj["spec"];
        return
        [
            obj.Name(),
            IntOrString(spec?["minAvailable"]),
            IntOrString(spec?["maxUnavailable"]),
            JsonRead.Int(obj["status"], "disruptionsAllowed"),
            HumanDuration.Age(obj, now),
        ];
    }

    private static string IntOrString(JsonNode? value) => value is JsonValue v ? v.ToString() : "N/A";
}
