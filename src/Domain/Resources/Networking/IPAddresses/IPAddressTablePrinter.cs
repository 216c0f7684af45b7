using System.Text.Json.Nodes;
using Emulator.Domain.Printing;

namespace Emulator.Domain.Resources.Networking.IPAddresses;

/// <summary>kubectl get ipaddresses: printIPAddress in k/k pkg/printers/internalversion/printers.go (PARENTREF = resource/namespace/name).</summary>
public sealed class IPAddressTablePrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        StandardColumns.Name,
        new("ParentRef", Description: "ParentRef references the resource that an IPAddress is attached to. An IPAddress must reference a parent object."),
        StandardColumns.Age,
    ];

    public object?[] Cells(JsonObject obj, DateTimeOffset now)
    {
        var parent = JsonRead.Obj(obj["spec"], "parentRef");
        var group = JsonRead.Str(parent, "group");
        var resource = group.Length > 0 ? $"{JsonRead.Str(parent, "resource")}.{group}" : JsonRead.Str(parent, "resource");
        var ns = JsonRead.Str(parent, "namespace");
        var reference = ns.Length > 0 ? $"{resource}/{ns}/{JsonRead.Str(parent, "name")}" : $"{resource}/{JsonRead.Str(parent, "name")}";
        return [obj.Name(), reference, HumanDuration.Age(obj, now)];
    }
}
