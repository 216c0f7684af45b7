using System.Text.Json.Nodes;
using Emulator.Domain.Printing;

namespace Emulator.Domain.Resources.Core.ServiceAccounts;

/// <summary>kubectl get serviceaccounts: printServiceAccount in pkg/printers/internalversion/printers.go.</summary>
public sealed class ServiceAccountTablePrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        StandardColumns.Name,
        // A "string" column holding an integer cell, as printers.go declares it.
        new("Secrets", Description: "Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use."),
        StandardColumns.Age,
    ];

    public object?[] Cells(JsonObject obj, DateTimeOffset now) =>
        [obj.Name(), (long)JsonRead.Count(obj, "secrets"), HumanDuration.Age(obj, now)];
}
