using System.Text.Json.Nodes;

namespace Emulator.Domain.Printing;

/// <summary>
/// Server-side printing for one kind, mirroring kubernetes/pkg/printers/internalversion/printers.go.
/// Cells are strings, integers or booleans, exactly what the real printer puts in the Table.
/// </summary>
public interface ITablePrinter
{
    IReadOnlyList<TableColumn> Columns { get; }

    /// <summary>The row cells for one stored object (full JSON with apiVersion/kind), in column order.</summary>
    object?[] Cells(JsonObject obj, DateTimeOffset now);
}
