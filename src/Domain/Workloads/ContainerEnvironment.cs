using System.Text;
using System.Text.Json.Nodes;
using Emulator.Domain.Resources;

namespace Emulator.Domain.Workloads;

/// <summary>
/// A container's process environment as the runtime and kubelet build it (pkg/kubelet/kubelet_pods.go makeEnvironmentVariables):
/// the image's own variables, HOSTNAME from the runtime, the service links, then the container's env with $(VAR)
/// expansion and the downward-API fieldRefs a pod can resolve on its own. Later entries win.
/// </summary>
public static class ContainerEnvironment
{
    public const string DefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    public static Dictionary<string, string> Build(JsonObject pod, JsonObject container, IReadOnlyDictionary<string, string> serviceLinks,
        string podIp, string hostIp)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = DefaultPath,
            ["HOSTNAME"] = pod["spec"].Str("hostname") ?? pod.Name(),
            ["HOME"] = "/root",
        };
        foreach (var (k, v) in serviceLinks) env[k] = v;
        var declared = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in (container["env"] as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            if (item.Str("name") is not { Length: > 0 } name) continue;
            string? value = item["value"] is not null ? Expand(item.Str("value") ?? "", declared, serviceLinks)
                : FieldRef(pod, item["valueFrom"]?["fieldRef"].Str("fieldPath"), podIp, hostIp);
            if (value is null) continue;
            declared[name] = value;
            env[name] = value;
        }
        return env;
    }

    /// <summary>expansion.Expand: $(VAR) from earlier env entries or service variables, $$ escapes, unknown references stay as written.</summary>
    public static string Expand(string input, IReadOnlyDictionary<string, string> declared, IReadOnlyDictionary<string, string> services)
    {
        var result = new StringBuilder();
        for (var i = 0; i < input.Length; i++)
        {
            if (input[i] == '$' && i + 1 < input.Length)
            {
                if (input[i + 1] == '$') { result.Append('$'); i++; continue; }
                if (input[i + 1] == '(')
                {
                    var close = input.IndexOf(')', i + 2);
                    if (close > 0)
                    {
                        var name = input[(i + 2)..close];
                        if (declared.TryGetValue(name, out var v) || services.TryGetValue(name, out v)) result.Append(v);
                        else result.Append(input, i, close - i + 1);
                        i = close;
                        continue;
                    }
                }
            }
            result.Append(input[i]);
        }
        return result.ToString();
    }

    private static string? FieldRef(JsonObject pod, string? path, string podIp, string hostIp) => path switch
    {
        null => null,
        "metadata.name" => pod.Name(),
        "metadata.namespace" => pod.Namespace(),
        "metadata.uid" => pod.Meta().Str("uid"),
        "spec.nodeName" => pod["spec"].Str("nodeName"),
        "spec.serviceAccountName" => pod["spec"].Str("serviceAccountName") ?? "default",
        "status.podIP" or "status.podIPs" => podIp,
        "status.hostIP" or "status.hostIPs" => hostIp,
        _ when path.StartsWith("metadata.labels['", StringComparison.Ordinal) => pod.Labels().GetValueOrDefault(path[17..^2]),
        _ when path.StartsWith("metadata.annotations['", StringComparison.Ordinal) =>
            JsonObjectExtensions.StringMap(pod.Meta()["annotations"]).GetValueOrDefault(path[22..^2]),
        _ => null,
    };
}
