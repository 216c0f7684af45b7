using System.Text.Json.Nodes;
using Emulator.Domain.Printing;

namespace Emulator.Domain.Resources.Networking.ServiceCidrs;

/// <summary>kubectl get servicecidrs: printServiceCIDR in k/k pkg/printers/internalversion/printers.go (CIDRS comma-joined).</summary>
public sealed class ServiceCIDRTablePrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        StandardColumns.Name,
        new("CIDRs", Description: "CIDRs defines the IP blocks in CIDR notation (e.g. \"192.168.0.0/24\" or \"2001:db8::/64\") from which to assign service cluster IPs."),
        StandardColumns.Age,
    ];

    public object?[] Cells(JsonObject obj, DateTimeOffset now) =>
        [obj.Name(), string.Join(",", JsonRead.Arr(obj["spec"], "cidrs").Select(n => n.ToString())), HumanDuration.Age(obj, now)];
}
