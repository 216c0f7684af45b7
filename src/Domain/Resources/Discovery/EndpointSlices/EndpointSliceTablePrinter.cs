using System.Globalization;
using System.Text.Json.Nodes;
using Emulator.Domain.Printing;

namespace Emulator.Domain.Resources.Discovery.EndpointSlices;

/// <summary>
/// kubectl get endpointslices: printEndpointSlice, formatDiscoveryPorts, formatDiscoveryEndpoints and
/// listWithMoreString in pkg/printers/internalversion/printers.go.
/// </summary>
public sealed class EndpointSliceTablePrinter : ITablePrinter
{
    private const int Max = 3;

    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        StandardColumns.Name,
        new("AddressType", Description: "addressType specifies the type of address carried by this EndpointSlice."),
        new("Ports", Description: "ports specifies the list of network ports exposed by each endpoint in this slice."),
        new("Endpoints", Description: "endpoints is a list of unique endpoints in this slice."),
        StandardColumns.Age,
    ];

    public object?[] Cells(JsonObject obj, DateTimeOffset now) =>
    [
        obj.Name(),
        JsonRead.Str(obj, "addressType"),
        ListWithMore(JsonRead.Arr(obj, "ports").Select(PortText)),
        ListWithMore(JsonRead.Arr(obj, "endpoints").SelectMany(e => JsonRead.Arr(e, "addresses"))
            .Select(a => a is JsonValue v && v.TryGetValue<string>(out var s) ? s : "")),
        HumanDuration.Age(obj, now),
    ];

    // The port number, else the port name (even an empty one), else "*" for "all ports".
    private static string PortText(JsonNode port)
    {
        if (JsonRead.Has(port, "port")) return JsonRead.Int(port, "port").ToString(CultureInfo.InvariantCulture);
        return JsonRead.StrOrNull(port, "name") ?? "*";
    }

    /// <summary>Three items, then " + N more..."; "&lt;unset&gt;" when the joined list is empty.</summary>
    private static string ListWithMore(IEnumerable<string> items)
    {
        var list = new List<string>();
        var count = 0;
        foreach (var item in items)
        {
            if (list.Count < Max) list.Add(item);
            count++;
        }
        var joined = string.Join(",", list);
        if (count > Max) return $"{joined} + {(count - Max).ToString(CultureInfo.InvariantCulture)} more...";
        return joined.Length == 0 ? "<unset>" : joined;
    }
}
