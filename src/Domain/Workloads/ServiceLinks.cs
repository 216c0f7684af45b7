using System.Globalization;
using System.Text.Json.Nodes;
using Emulator.Domain.Resources;

namespace Emulator.Domain.Workloads;

/// <summary>
/// The Docker-links style variables the kubelet gives every container (pkg/kubelet/envvars/envvars.go FromServices,
/// pkg/kubelet/kubelet_pods.go getServiceEnvVarMap): default/kubernetes always; the pod's own namespace's services when
/// enableServiceLinks (default true); only services with a real cluster IP.
/// </summary>
public static class ServiceLinks
{
    public static IReadOnlyDictionary<string, string> For(IEnumerable<JsonObject> services, string podNamespace, bool enableServiceLinks)
    {
        var chosen = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var svc in services)
        {
            var ip = svc["spec"].Str("clusterIP");
            if (string.IsNullOrEmpty(ip) || ip == "None") continue;
            var ns = svc.Namespace();
            // A same-named service of the pod's namespace wins over default/kubernetes (serviceMap keyed by name).
            if (ns == podNamespace && enableServiceLinks) chosen[svc.Name()] = svc;
            else if (ns == "default" && svc.Name() == "kubernetes") chosen.TryAdd(svc.Name(), svc);
        }
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var svc in chosen.Values.OrderBy(s => s.Name(), StringComparer.Ordinal)) Add(env, svc);
        return env;
    }

    private static void Add(Dictionary<string, string> env, JsonObject svc)
    {
        var name = Prefix(svc.Name());
        var ip = svc["spec"].Str("clusterIP")!;
        var ports = (svc["spec"]?["ports"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
        env[name + "_SERVICE_HOST"] = ip;
        if (ports.Count == 0) return;
        env[name + "_SERVICE_PORT"] = Port(ports[0]);
        foreach (var p in ports)
            if (p.Str("name") is { Length: > 0 } portName) env[$"{name}_SERVICE_PORT_{Prefix(portName)}"] = Port(p);
        var first = ports[0];
        env[name + "_PORT"] = $"{Protocol(first).ToLowerInvariant()}://{ip}:{Port(first)}";
        foreach (var p in ports)
        {
            var protocol = Protocol(p);
            var prefix = $"{name}_PORT_{Port(p)}_{protocol.ToUpperInvariant()}";
            env[prefix] = $"{protocol.ToLowerInvariant()}://{ip}:{Port(p)}";
            env[prefix + "_PROTO"] = protocol.ToLowerInvariant();
            env[prefix + "_PORT"] = Port(p);
            env[prefix + "_ADDR"] = ip;
        }
    }

    /// <summary>makeEnvVariableName: upper case, '-' and '.' become '_', a leading digit gets a '_' prefix.</summary>
    public static string Prefix(string name)
    {
        var upper = name.ToUpperInvariant().Replace('-', '_').Replace('.', '_');
        return upper.Length > 0 && char.IsAsciiDigit(upper[0]) ? "_" + upper : upper;
    }

    private static string Port(JsonObject port) => JsonNumber.Int(port["port"], 0).ToString(CultureInfo.InvariantCulture);

    private static string Protocol(JsonObject port) => port.Str("protocol") ?? "TCP";
}
