using System.Text.Json.Nodes;

namespace Emulator.Domain.Printing;

/// <summary>The apiserver's default convertor for kinds without a printer: Name and Created At.</summary>
public sealed class DefaultTablePrinter : ITablePrinter
{
    public static readonly DefaultTablePrinter Instance = new();

    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        new("Name", Format: "name", Description: "Name must be unique within a namespace."),
        new("Created At", Type: "date", Description: "CreationTimestamp is a timestamp representing the server time when this object was created."),
    ];

    public object?[] Cells(JsonObject obj, DateTimeOffset now) =>
        [obj["metadata"]?["name"]?.GetValue<string>(), obj["metadata"]?["creationTimestamp"]?.GetValue<string>()];
}
