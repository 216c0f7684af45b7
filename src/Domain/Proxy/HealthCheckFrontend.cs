using System.Globalization;
using System.Text.Json;

namespace Emulator.Domain.Proxy;

/// <summary>
/// kube-proxy's per-Service health check (k/k pkg/proxy/healthcheck/service_health.go): for a LoadBalancer Service
/// with externalTrafficPolicy Local, every node answers on its InternalIP at spec.healthCheckNodePort with the
/// number of ready endpoints on that node, so a cloud load balancer only sends traffic to nodes that have one.
/// </summary>
public sealed record HealthCheckFrontend(string Address, int Port, string NodeName, string Namespace, string Service, int LocalEndpoints)
{
    /// <summary>200 when the node has a local endpoint (and the proxy is healthy), 503 otherwise.</summary>
    public int Status => LocalEndpoints > 0 ? 200 : 503;

    /// <summary>
    /// The body exactly as kube-proxy writes it: its dedented Go template, tab-indented, no trailing newline.
    /// The emulator's proxy programs every change as it is seen, so serviceProxyHealthy is always true.
    /// </summary>
    public string Body =>
        "{\n" +
        "\t\"service\": {\n" +
        $"\t\t\"namespace\": {JsonSerializer.Serialize(Namespace)},\n" +
        $"\t\t\"name\": {JsonSerializer.Serialize(Service)}\n" +
        "\t},\n" +
        $"\t\"localEndpoints\": {LocalEndpoints.ToString(CultureInfo.InvariantCulture)},\n" +
        "\t\"serviceProxyHealthy\": true\n" +
        "}";
}
