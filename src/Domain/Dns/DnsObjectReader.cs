using System.Text.Json.Nodes;
using Emulator.Domain.Resources;

namespace Emulator.Domain.Dns;

/// <summary>
/// Turns stored Services and EndpointSlices into what DNS serves (CoreDNS object/service.go ToService,
/// object/endpoint.go EndpointSliceToEndpoints).
/// </summary>
public static class DnsObjectReader
{
    public const string ServiceNameLabel = "kubernetes.io/service-name";

    public static DnsService Service(JsonObject service)
    {
        var spec = service["spec"] as JsonObject;
        var clusterIp = spec.Str("clusterIP") ?? "";
        var kind = spec.Str("type") == "ExternalName" ? DnsServiceKind.ExternalName
            : clusterIp == "None" ? DnsServiceKind.Headless
            : DnsServiceKind.ClusterIp;
        // ToService: clusterIPs when set, else the single clusterIP. Unallocated (empty) IPs publish nothing.
        List<string> ips = [.. Strings(spec?["clusterIPs"])];
        if (ips.Count == 0 && clusterIp.Length > 0) ips.Add(clusterIp);
        ips.RemoveAll(ip => ip.Length == 0 || ip == "None");
        List<DnsPort> ports = [];
        if (spec?["ports"] is JsonArray array)
            foreach (var p in array.OfType<JsonObject>())
                ports.Add(new DnsPort(p.Str("name") ?? "", p.Str("protocol") ?? "TCP", Int(p["port"]) ?? -1));
        if (ports.Count == 0) ports.Add(DnsPort.Sentinel);
        return new DnsService(service.Namespace() ?? "", service.Name(), kind, ips, spec.Str("externalName") ?? "", ports);
    }

    /// <summary>The service an EndpointSlice belongs to, by its kubernetes.io/service-name label; null when unlabelled.</summary>
    public static string? ServiceName(JsonObject slice) =>
        slice.Labels().TryGetValue(ServiceNameLabel, out var name) && name.Length > 0 ? name : null;

    /// <summary>The slice's ready addresses: <c>conditions.ready</c> unset counts as ready (its API documentation).</summary>
    public static DnsEndpointSlice Slice(JsonObject slice)
    {
        List<DnsEndpointAddress> addresses = [];
        if (slice.Str("addressType") != "FQDN" && slice["endpoints"] is JsonArray endpoints)
        {
            foreach (var endpoint in endpoints.OfType<JsonObject>())
            {
                if ((endpoint["conditions"] as JsonObject)?["ready"] is JsonValue ready && ready.TryGetValue<bool>(out var isReady) && !isReady)
                    continue;
                var hostname = endpoint.Str("hostname") ?? "";
                foreach (var ip in Strings(endpoint["addresses"])) addresses.Add(new DnsEndpointAddress(ip, hostname));
            }
        }
        List<DnsPort> ports = [];
        if (slice["ports"] is JsonArray array)
            foreach (var p in array.OfType<JsonObject>())
                ports.Add(new DnsPort(p.Str("name") ?? "", p.Str("protocol") ?? "", Int(p["port"]) ?? -1));
        if (ports.Count == 0) ports.Add(DnsPort.Sentinel);
        return new DnsEndpointSlice(slice.Name(), addresses, ports);
    }

    private static IEnumerable<string> Strings(JsonNode? node) =>
        node is JsonArray array
            ? array.OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var s) ? s : null).OfType<string>()
            : [];

    private static int? Int(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<int>(out var i) ? i : null;
}
