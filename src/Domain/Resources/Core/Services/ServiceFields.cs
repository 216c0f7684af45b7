using System.Text.Json;
using System.Text.Json.Nodes;

namespace Emulator.Domain.Resources.Core.Services;

/// <summary>
/// Typed reads of a Service held as JSON, and the predicates of k/k pkg/api/service/util.go and
/// pkg/registry/core/service/storage/alloc.go (needsClusterIP, needsNodePort, NeedsHealthCheck, ExternallyAccessible).
/// </summary>
public static class ServiceFields
{
    public const string ClusterIpNone = "None";

    public static JsonObject Spec(JsonObject svc)
    {
        if (svc["spec"] is JsonObject spec) return spec;
        spec = new JsonObject();
        svc["spec"] = spec;
        return spec;
    }

    public static string Type(JsonObject svc) => svc["spec"].Str("type") ?? "";

    public static string ClusterIp(JsonObject svc) => svc["spec"].Str("clusterIP") ?? "";

    public static List<string> Strings(JsonNode? spec, string field) =>
        spec is JsonObject o && o[field] is JsonArray a
            ? [.. a.Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : "")]
            : [];

    public static List<string> ClusterIps(JsonObject svc) => Strings(svc["spec"], "clusterIPs");

    public static List<string> IpFamilies(JsonObject svc) => Strings(svc["spec"], "ipFamilies");

    public static void SetStrings(JsonObject spec, string field, IReadOnlyCollection<string>? values)
    {
        if (values is null || values.Count == 0) spec.Remove(field);
        else spec[field] = new JsonArray([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);
    }

    public static IReadOnlyList<JsonObject> Ports(JsonObject svc) =>
        svc["spec"] is JsonObject spec && spec["ports"] is JsonArray ports ? [.. ports.OfType<JsonObject>()] : [];

    /// <summary>An integer field read as Go would after decoding: absent or mistyped reads as 0.</summary>
    /// <remarks>Values written in this process may be held as int, long or double, which JsonValue does not convert.</remarks>
    public static long Int(JsonNode? node, string field)
    {
        if (node is not JsonObject o || o[field] is not JsonValue v || v.GetValueKind() != JsonValueKind.Number) return 0;
        if (v.TryGetValue<int>(out var i)) return i;
        if (v.TryGetValue<long>(out var l)) return l;
        return decimal.TryParse(v.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d)
            ? (long)d
            : 0;
    }

    public static bool HasSelector(JsonObject svc) => svc["spec"] is JsonObject spec && spec["selector"] is JsonObject { Count: > 0 };

    public static bool IsHeadless(JsonObject svc) => ClusterIp(svc) == ClusterIpNone;

    /// <summary>Every type but ExternalName holds a clusterIP (even "None" counts).</summary>
    public static bool NeedsClusterIp(JsonObject svc) => Type(svc) != "ExternalName";

    public static bool NeedsNodePort(JsonObject svc) => Type(svc) is "NodePort" or "LoadBalancer";

    public static bool ExternallyAccessible(JsonObject svc) =>
        Type(svc) is "NodePort" or "LoadBalancer"
        || (Type(svc) == "ClusterIP" && Strings(svc["spec"], "externalIPs").Count > 0);

    public static bool NeedsHealthCheck(JsonObject svc) =>
        Type(svc) == "LoadBalancer" && svc["spec"].Str("externalTrafficPolicy") == "Local";

    /// <summary>shouldAllocateNodePorts: NodePort always; LoadBalancer unless allocateLoadBalancerNodePorts is false.</summary>
    public static bool ShouldAllocateNodePorts(JsonObject svc) => Type(svc) switch
    {
        "NodePort" => true,
        "LoadBalancer" => svc["spec"]?["allocateLoadBalancerNodePorts"] is not JsonValue v || v.GetValueKind() != JsonValueKind.False,
        _ => false,
    };

    public static long HealthCheckNodePort(JsonObject svc) => Int(svc["spec"], "healthCheckNodePort");

    public static List<long> NodePorts(JsonObject svc) =>
        [.. Ports(svc).Select(p => Int(p, "nodePort")).Where(n => n != 0)];
}
