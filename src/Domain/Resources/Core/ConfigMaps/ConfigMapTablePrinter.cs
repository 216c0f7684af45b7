using System.Text.Json.Nodes;
using Emulator.Domain.Printing;

namespace Emulator.Domain.Resources.Core.ConfigMaps;

/// <summary>kubectl get configmaps: printConfigMap in pkg/printers/internalversion/printers.go.</summary>
public sealed class ConfigMapTablePrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        StandardColumns.Name,
        // A "string" column holding an integer cell, as printers.go declares it.
        new("Data", Description: "Data contains the configuration data."),
        StandardColumns.Age,
    ];

    // Data counts the keys of data and binaryData together.
    public object?[] Cells(JsonObject obj, DateTimeOffset now) =>
        [obj.Name(), (long)(JsonRead.Count(obj, "data") + JsonRead.Count(obj, "binaryData")), HumanDuration.Age(obj, now)];
}
