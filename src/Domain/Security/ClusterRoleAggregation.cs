using k8s;
using k8s.Models;

namespace Emulator.Domain.Security;

/// <summary>
/// The clusterrole-aggregation controller's rule: a ClusterRole with an aggregationRule gets the rules of every
/// ClusterRole its selectors match (matchLabels), without duplicates, in name order. Aggregates of aggregates resolve
/// because the pass repeats until nothing changes.
/// </summary>
public static class ClusterRoleAggregation
{
    public static IReadOnlyList<V1ClusterRole> Resolve(IReadOnlyList<V1ClusterRole> roles)
    {
        for (var pass = 0; pass < 10; pass++)
        {
            var changed = false;
            foreach (var role in roles.Where(r => r.AggregationRule is not null))
            {
                var rules = RulesFor(role, roles);
                if (Serialize(rules) == Serialize(role.Rules ?? [])) continue;
                role.Rules = rules;
                changed = true;
            }
            if (!changed) break;
        }
        return roles;
    }

    /// <summary>The rules <paramref name="aggregating"/> should hold, given all ClusterRoles.</summary>
    public static List<V1PolicyRule> RulesFor(V1ClusterRole aggregating, IEnumerable<V1ClusterRole> all)
    {
        var rules = new List<V1PolicyRule>();
        var seen = new HashSet<string>();
        var selectors = aggregating.AggregationRule?.ClusterRoleSelectors ?? [];
        foreach (var role in all.Where(r => r.Metadata?.Name != aggregating.Metadata?.Name).OrderBy(r => r.Metadata?.Name, StringComparer.Ordinal))
        {
            if (!selectors.Any(s => Matches(s, role.Metadata?.Labels))) continue;
            foreach (var rule in role.Rules ?? [])
                if (seen.Add(KubernetesJson.Serialize(rule))) rules.Add(rule);
        }
        return rules;
    }

    private static bool Matches(V1LabelSelector selector, IDictionary<string, string>? labels)
    {
        if (selector.MatchLabels is not { Count: > 0 } wanted) return false;
        return wanted.All(kv => labels is not null && labels.TryGetValue(kv.Key, out var v) && v == kv.Value);
    }

    private static string Serialize(IList<V1PolicyRule> rules) => KubernetesJson.Serialize(rules);
}
