using System.Text.Json.Nodes;
using Emulator.Domain.Printing;

namespace Emulator.Domain.Resources.Coordination.Leases;

/// <summary>kubectl get leases: printLease in pkg/printers/internalversion/printers.go ("" when nobody holds it).</summary>
public sealed class LeaseTablePrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        StandardColumns.Name,
        new("Holder", Description: "holderIdentity contains the identity of the holder of a current lease."),
        StandardColumns.Age,
    ];

    public object?[] Cells(JsonObject obj, DateTimeOffset now) =>
        [obj.Name(), JsonRead.Str(obj["spec"], "holderIdentity"), HumanDuration.Age(obj, now)];
}
