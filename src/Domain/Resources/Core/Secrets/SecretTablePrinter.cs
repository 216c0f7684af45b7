using System.Text.Json.Nodes;
using Emulator.Domain.Printing;

namespace Emulator.Domain.Resources.Core.Secrets;

/// <summary>kubectl get secrets: printSecret in pkg/printers/internalversion/printers.go.</summary>
public sealed class SecretTablePrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        StandardColumns.Name,
        new("Type", Description: "Used to facilitate programmatic handling of secret data."),
        // A "string" column holding an integer cell, as printers.go declares it.
        new("Data", Description: "Data contains the secret data."),
        StandardColumns.Age,
    ];

    public object?[] Cells(JsonObject obj, DateTimeOffset now) =>
        [obj.Name(), JsonRead.Str(obj, "type"), (long)DataKeys(obj), HumanDuration.Age(obj, now)];

    // len(Data) of the internal Secret: Convert_v1_Secret_To_core_Secret folds stringData into data,
    // so a key present in both counts once.
    private static int DataKeys(JsonObject secret)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in new[] { "data", "stringData" })
            if (secret[field] is JsonObject map)
                keys.UnionWith(map.Select(p => p.Key));
        return keys.Count;
    }
}
