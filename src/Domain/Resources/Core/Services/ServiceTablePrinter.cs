using System.Globalization;
using System.Text.Json.Nodes;
using Emulator.Domain.Printing;

namespace Emulator.Domain.Resources.Core.Services;

/// <summary>kubectl get services: printService, getServiceExternalIP and makePortString in pkg/printers/internalversion/printers.go.</summary>
public sealed class ServiceTablePrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        StandardColumns.Name,
        new("Type", Description: "type determines how the Service is exposed."),
        new("Cluster-IP", Description: "clusterIP is the IP address of the service and is usually assigned randomly."),
        new("External-IP", Description: "externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service."),
        new("Port(s)", Description: "The list of ports that are exposed by this service."),
        StandardColumns.Age,
        new("Selector", Priority: 1, Description: "Route service traffic to pods with label keys and values matching this selector."),
    ];

    public object?[] Cells(JsonObject obj, DateTimeOffset now)
    {
        var spec = obj["spec"];
        var ports = PortString(spec);
        return
        [
            obj.Name(),
            JsonRead.Str(spec, "type"),
            ClusterIp(spec),
            ExternalIp(obj),
            ports.Length == 0 ? "<none>" : ports,
            HumanDuration.Age(obj, now),
            LabelCells.Format(spec?["selector"]),
        ];
    }

    // The internal ServiceSpec has only clusterIPs; the v1 conversion fills it from clusterIP when clusterIPs is empty.
    // A headless service therefore prints "None", an ExternalName service "<none>".
    private static string ClusterIp(JsonNode? spec)
    {
        var first = JsonRead.Arr(spec, "clusterIPs").FirstOrDefault();
        var ip = first is JsonValue v && v.TryGetValue<string>(out var s) ? s : JsonRead.Str(spec, "clusterIP");
        return ip.Length == 0 ? "<none>" : ip;
    }

    // getServiceExternalIP with wide=true (the apiserver never clips the load-balancer list to 16 characters).
    private static string ExternalIp(JsonObject service)
    {
        var spec = service["spec"];
        var externalIps = JsonRead.Arr(spec, "externalIPs").Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : "").ToList();
        switch (JsonRead.Str(spec, "type"))
        {
            case "ClusterIP":
            case "NodePort":
                return externalIps.Count > 0 ? string.Join(",", externalIps) : "<none>";
            case "LoadBalancer":
                var lbIps = LoadBalancerStatus(JsonRead.Obj(service["status"], "loadBalancer"));
                if (externalIps.Count > 0)
                {
                    var results = new List<string>();
                    if (lbIps.Length > 0) results.AddRange(lbIps.Split(','));
                    results.AddRange(externalIps);
                    return string.Join(",", results);
                }
                return lbIps.Length > 0 ? lbIps : "<pending>";
            case "ExternalName":
                return JsonRead.Str(spec, "externalName");
            default:
                return "<unknown>";
        }
    }

    // loadBalancerStatusStringer: ingress IPs (or hostnames), de-duplicated and sorted.
    private static string LoadBalancerStatus(JsonNode? loadBalancer)
    {
        var result = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var ingress in JsonRead.Arr(loadBalancer, "ingress"))
        {
            if (JsonRead.Str(ingress, "ip") is { Length: > 0 } ip) result.Add(ip);
            else if (JsonRead.Str(ingress, "hostname") is { Length: > 0 } hostname) result.Add(hostname);
        }
        return string.Join(",", result);
    }

    // makePortString: "port/proto" or "port:nodePort/proto". An absent protocol is the TCP default that
    // SetDefaults_ServicePort would have stored.
    private static string PortString(JsonNode? spec) =>
        string.Join(",", JsonRead.Arr(spec, "ports").Select(p =>
        {
            var port = JsonRead.Int(p, "port").ToString(CultureInfo.InvariantCulture);
            var protocol = JsonRead.StrOrNull(p, "protocol") ?? "TCP";
            var nodePort = JsonRead.Int(p, "nodePort");
            return nodePort > 0 ? $"{port}:{nodePort.ToString(CultureInfo.InvariantCulture)}/{protocol}" : $"{port}/{protocol}";
        }));
}
