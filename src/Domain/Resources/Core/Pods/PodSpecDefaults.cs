using System.Text.Json.Nodes;

namespace Emulator.Domain.Resources.Core.Pods;

/// <summary>SetDefaults_PodSpec / SetDefaults_Container (pkg/apis/core/v1/defaults.go): what the server fills in a pod spec.</summary>
public static class PodSpecDefaults
{
    public static void Apply(JsonObject spec)
    {
        SetIfMissing(spec, "restartPolicy", "Always");
        SetIfMissing(spec, "terminationGracePeriodSeconds", 30);
        SetIfMissing(spec, "dnsPolicy", "ClusterFirst");
        SetIfMissing(spec, "schedulerName", "default-scheduler");
        if (spec["securityContext"] is null) spec["securityContext"] = new JsonObject();
        foreach (var list in new[] { "initContainers", "containers" })
        {
            if (spec[list] is not JsonArray containers) continue;
            foreach (var c in containers.OfType<JsonObject>()) ApplyContainer(c);
        }
    }

    private static void ApplyContainer(JsonObject c)
    {
        SetIfMissing(c, "terminationMessagePath", "/dev/termination-log");
        SetIfMissing(c, "terminationMessagePolicy", "File");
        SetIfMissing(c, "imagePullPolicy", PullPolicy(c.Str("image") ?? ""));
        if (c["resources"] is null) c["resources"] = new JsonObject();
        if (c["ports"] is JsonArray ports)
            foreach (var p in ports.OfType<JsonObject>()) SetIfMissing(p, "protocol", "TCP");
        foreach (var name in new[] { "livenessProbe", "readinessProbe", "startupProbe" })
            if (c[name] is JsonObject probe) ApplyProbe(probe);
    }

    /// <summary>SetDefaults_Probe and SetDefaults_HTTPGetAction.</summary>
    private static void ApplyProbe(JsonObject probe)
    {
        SetIfMissing(probe, "timeoutSeconds", 1);
        SetIfMissing(probe, "periodSeconds", 10);
        SetIfMissing(probe, "successThreshold", 1);
        SetIfMissing(probe, "failureThreshold", 3);
        if (probe["httpGet"] is JsonObject get)
        {
            SetIfMissing(get, "path", "/");
            SetIfMissing(get, "scheme", "HTTP");
        }
    }

    /// <summary>Always for ":latest" or an untagged image, IfNotPresent otherwise (digests count as tagged).</summary>
    public static string PullPolicy(string image)
    {
        if (image.Contains('@')) return "IfNotPresent";
        var lastSlash = image.LastIndexOf('/');
        var colon = image.LastIndexOf(':');
        if (colon <= lastSlash) return "Always";
        return image[(colon + 1)..] == "latest" ? "Always" : "IfNotPresent";
    }

    /// <summary>BestEffort when no container sets requests or limits, Guaranteed when all set equal cpu+memory limits, else Burstable.</summary>
    public static string QosClass(JsonObject? spec)
    {
        var containers = (spec?["containers"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
        var any = false;
        var guaranteed = containers.Count > 0;
        foreach (var c in containers)
        {
            var requests = c["resources"]?["requests"] as JsonObject;
            var limits = c["resources"]?["limits"] as JsonObject;
            if (requests is { Count: > 0 } || limits is { Count: > 0 }) any = true;
            foreach (var r in new[] { "cpu", "memory" })
            {
                var limit = limits?[r]?.ToString();
                var request = requests?[r]?.ToString() ?? limit;
                if (limit is null || request != limit) guaranteed = false;
            }
        }
        return !any ? "BestEffort" : guaranteed ? "Guaranteed" : "Burstable";
    }

    internal static void SetIfMissing(JsonObject o, string name, JsonNode value)
    {
        if (o[name] is null || (o[name] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length == 0)) o[name] = value;
    }
}
