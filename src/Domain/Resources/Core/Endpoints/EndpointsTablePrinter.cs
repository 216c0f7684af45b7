using System.Globalization;
using System.Text.Json.Nodes;
using Emulator.Domain.Printing;

namespace Emulator.Domain.Resources.Core.Endpoints;

/// <summary>kubectl get endpoints: printEndpoints and formatEndpoints (ports=nil) in pkg/printers/internalversion/printers.go.</summary>
public sealed class EndpointsTablePrinter : ITablePrinter
{
    private const int Max = 3;

    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        StandardColumns.Name,
        new("Endpoints", Description: "The set of all endpoints is the union of all subsets."),
        StandardColumns.Age,
    ];

    public object?[] Cells(JsonObject obj, DateTimeOffset now) =>
        [obj.Name(), Format(obj), HumanDuration.Age(obj, now)];

    /// <summary>"ip:port" pairs for every subset port, three at most, then " + N more..."; "&lt;none&gt;" without subsets.</summary>
    private static string Format(JsonObject endpoints)
    {
        var subsets = JsonRead.Arr(endpoints, "subsets").ToList();
        if (subsets.Count == 0) return "<none>";
        var list = new List<string>();
        var more = false;
        var count = 0;
        foreach (var subset in subsets)
        {
            var addresses = JsonRead.Arr(subset, "addresses").ToList();
            var ports = JsonRead.Arr(subset, "ports").ToList();
            if (ports.Count == 0)
            {
                // Headless services may have no ports: the bare IPs are listed.
                count += addresses.Count;
                foreach (var address in addresses)
                {
                    if (list.Count == Max)
                    {
                        more = true;
                        break;
                    }
                    list.Add(JsonRead.Str(address, "ip"));
                }
                continue;
            }
            foreach (var port in ports)
            {
                count += addresses.Count;
                foreach (var address in addresses)
                {
                    if (list.Count == Max)
                    {
                        more = true;
                        break;
                    }
                    list.Add(JoinHostPort(JsonRead.Str(address, "ip"), JsonRead.Int(port, "port")));
                }
            }
        }
        var joined = string.Join(",", list);
        return more ? $"{joined} + {(count - Max).ToString(CultureInfo.InvariantCulture)} more..." : joined;
    }

    // net.JoinHostPort brackets IPv6 addresses.
    private static string JoinHostPort(string host, long port)
    {
        var p = port.ToString(CultureInfo.InvariantCulture);
        return host.Contains(':', StringComparison.Ordinal) ? $"[{host}]:{p}" : $"{host}:{p}";
    }
}
