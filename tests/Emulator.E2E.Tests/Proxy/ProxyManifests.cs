using System.Globalization;

namespace Emulator.E2E.Tests.Proxy;

/// <summary>Selector-less Services with explicit addresses and hand-written EndpointSlices, as a user wires an external backend.</summary>
public static class ProxyManifests
{
    /// <summary>A random ClusterIP inside the default service CIDR (127.96.0.0/12), clear of the low addresses the system uses.</summary>
    public static string RandomClusterIp() =>
        string.Create(CultureInfo.InvariantCulture, $"127.{Random.Shared.Next(100, 111)}.{Random.Shared.Next(0, 255)}.{Random.Shared.Next(2, 254)}");

    public static int RandomNodePort() => Random.Shared.Next(30000, 32767);

    public static string Service(string name, string clusterIp, int port, string protocol = "TCP", string type = "ClusterIP",
        int? nodePort = null, string extraSpec = "") =>
        $"""
         apiVersion: v1
         kind: Service
         metadata:
           name: {name}
         spec:
           type: {type}
           clusterIP: {clusterIp}
           ports:
           - name: web
             port: {port}
             protocol: {protocol}
             targetPort: 80{(nodePort is { } np ? $"\n    nodePort: {np}" : "")}
         {extraSpec}
         """;

    /// <summary>A hand-written slice with one ready endpoint, <paramref name="address"/>:<paramref name="port"/>, on port name web.</summary>
    public static string Slice(string service, string address, int port) =>
        $"""
         apiVersion: discovery.k8s.io/v1
         kind: EndpointSlice
         metadata:
           name: {service}-manual
           labels:
             kubernetes.io/service-name: {service}
         addressType: IPv4
         ports:
         - name: web
           port: {port}
         endpoints:
         - addresses: ["{address}"]
         """;

    public static string Slice(string service, IEnumerable<TestBackend> backends, string protocol = "TCP", string sliceName = "")
    {
        var list = backends.ToList();
        var port = list.Count > 0 ? list[0].Port : 1;
        var endpoints = list.Count == 0
            ? "endpoints: []"
            : "endpoints:\n" + string.Join("\n", list.Select(b => $"- addresses: [\"{b.Address}\"]\n  conditions: {{ready: true}}"));
        return $"""
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata:
                  name: {(sliceName.Length > 0 ? sliceName : service + "-manual")}
                  labels:
                    kubernetes.io/service-name: {service}
                addressType: IPv4
                ports:
                - name: web
                  port: {port}
                  protocol: {protocol}
                {endpoints}
                """;
    }
}
