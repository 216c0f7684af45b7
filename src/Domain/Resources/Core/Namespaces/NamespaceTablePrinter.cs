using System.Text.Json.Nodes;
using Emulator.Domain.Printing;

namespace Emulator.Domain.Resources.Core.Namespaces;

/// <summary>kubectl get namespaces: printNamespace in pkg/printers/internalversion/printers.go.</summary>
public sealed class NamespaceTablePrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        StandardColumns.Name,
        new("Status", Description: "The status of the namespace"),
        StandardColumns.Age,
    ];

    public object?[] Cells(JsonObject obj, DateTimeOffset now) =>
        [obj.Name(), JsonRead.Str(obj["status"], "phase"), HumanDuration.Age(obj, now)];
}
