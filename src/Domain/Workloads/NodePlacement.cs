using System.Globalization;
using System.Text.Json.Nodes;
using Emulator.Domain.Resources;

namespace Emulator.Domain.Workloads;

/// <summary>
/// Whether a pod may sit on a node, as the scheduler's TaintToleration and NodeAffinity plugins and the DaemonSet
/// controller's predicates decide it: v1helper.TolerationsTolerateTaint, nodeaffinity.GetRequiredNodeAffinity(pod).Match
/// (spec.nodeSelector AND any of the required nodeSelectorTerms; matchFields know only metadata.name).
/// </summary>
public static class NodePlacement
{
    public static IReadOnlyList<JsonObject> Taints(JsonObject node) =>
        (node["spec"]?["taints"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];

    public static IReadOnlyList<JsonObject> Tolerations(JsonNode? podSpec) =>
        (podSpec?["tolerations"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];

    /// <summary>Toleration.ToleratesTaint: effect (if set) and key (if set) equal, then Exists or an equal value.</summary>
    public static bool Tolerates(JsonObject toleration, JsonObject taint)
    {
        if (toleration.Str("effect") is { Length: > 0 } effect && effect != taint.Str("effect")) return false;
        if (toleration.Str("key") is { Length: > 0 } key && key != taint.Str("key")) return false;
        return (toleration.Str("operator") ?? "Equal") switch
        {
            "Exists" => true,
            "Equal" or "" => (toleration.Str("value") ?? "") == (taint.Str("value") ?? ""),
            _ => false,
        };
    }

    /// <summary>FindMatchingUntoleratedTaint: the first taint passing <paramref name="filter"/> that no toleration tolerates.</summary>
    public static JsonObject? UntoleratedTaint(JsonObject node, JsonNode? podSpec, Func<JsonObject, bool> filter)
    {
        var tolerations = Tolerations(podSpec);
        return Taints(node).Where(filter).FirstOrDefault(t => !tolerations.Any(tol => Tolerates(tol, t)));
    }

    /// <summary>The taints that keep new pods off a node (NoSchedule, NoExecute); PreferNoSchedule only scores.</summary>
    public static bool IsSchedulingTaint(JsonObject taint) => taint.Str("effect") is "NoSchedule" or "NoExecute";

    /// <summary>spec.nodeSelector and requiredDuringSchedulingIgnoredDuringExecution both hold for the node.</summary>
    public static bool MatchesNodeSelectorAndAffinity(JsonNode? podSpec, JsonObject node)
    {
        var labels = node.Labels();
        var selector = JsonObjectExtensions.StringMap(podSpec?["nodeSelector"]);
        if (!selector.All(s => labels.TryGetValue(s.Key, out var v) && v == s.Value)) return false;
        var required = podSpec?["affinity"]?["nodeAffinity"]?["requiredDuringSchedulingIgnoredDuringExecution"];
        if (required is null) return true;
        var terms = (required["nodeSelectorTerms"] as JsonArray)?.OfType<JsonObject>() ?? [];
        return terms.Any(t => TermMatches(t, node, labels));
    }

    // A term with neither expressions nor fields selects no node (nodeSelectorTerm.Match).
    private static bool TermMatches(JsonObject term, JsonObject node, IReadOnlyDictionary<string, string> labels)
    {
        var expressions = (term["matchExpressions"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
        var fields = (term["matchFields"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
        if (expressions.Count == 0 && fields.Count == 0) return false;
        var nodeFields = new Dictionary<string, string> { ["metadata.name"] = node.Name() };
        return expressions.All(e => RequirementMatches(e, labels)) && fields.All(f => f.Str("key") == "metadata.name" && RequirementMatches(f, nodeFields));
    }

    private static bool RequirementMatches(JsonObject requirement, IReadOnlyDictionary<string, string> values)
    {
        var key = requirement.Str("key") ?? "";
        var list = (requirement["values"] as JsonArray)?.Select(v => v is JsonValue jv && jv.TryGetValue<string>(out var s) ? s : "").ToList() ?? [];
        var has = values.TryGetValue(key, out var value);
        return requirement.Str("operator") switch
        {
            "In" => has && list.Contains(value!),
            "NotIn" => !has || !list.Contains(value!),
            "Exists" => has,
            "DoesNotExist" => !has,
            "Gt" => has && list.Count == 1 && Compare(value!, list[0]) is > 0,
            "Lt" => has && list.Count == 1 && Compare(value!, list[0]) is < 0,
            _ => false,
        };
    }

    private static int? Compare(string value, string bound) =>
        long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var a)
        && long.TryParse(bound, NumberStyles.Integer, CultureInfo.InvariantCulture, out var b) ? a.CompareTo(b) : null;

    /// <summary>util.GetTargetNodeName: spec.nodeName, or the single node a DaemonSet pod's matchFields pin it to.</summary>
    public static string? TargetNodeName(JsonObject pod)
    {
        if (pod["spec"].Str("nodeName") is { Length: > 0 } bound) return bound;
        var terms = pod["spec"]?["affinity"]?["nodeAffinity"]?["requiredDuringSchedulingIgnoredDuringExecution"]?["nodeSelectorTerms"] as JsonArray;
        foreach (var term in terms?.OfType<JsonObject>() ?? [])
            foreach (var field in (term["matchFields"] as JsonArray)?.OfType<JsonObject>() ?? [])
                if (field.Str("key") == "metadata.name" && field.Str("operator") == "In" && field["values"] is JsonArray { Count: 1 } v
                    && v[0] is JsonValue name && name.TryGetValue<string>(out var s))
                    return s;
        return null;
    }
}
