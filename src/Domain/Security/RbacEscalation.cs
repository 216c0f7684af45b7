using System.Text;
using k8s.Models;

namespace Emulator.Domain.Security;

/// <summary>
/// RBAC's privilege-escalation check (kubernetes pkg/registry/rbac/validation/rule.go ConfirmNoEscalation,
/// component-helpers auth/rbac/validation/policy_comparator.go Covers, policy_compact.go CompactRules and
/// pkg/apis/rbac/v1 CompactString): a user may only grant rules they already hold. The servant rules are broken down to
/// one group/resource/verb/name each; every piece no owner rule covers is reported, compacted by resource.
/// </summary>
public static class RbacEscalation
{
    /// <summary>The covered/uncovered comparison: the servant rules' pieces that no owner rule covers (empty when covered).</summary>
    public static IReadOnlyList<V1PolicyRule> Uncovered(IEnumerable<V1PolicyRule> ownerRules, IEnumerable<V1PolicyRule> servantRules)
    {
        var owners = ownerRules as IReadOnlyList<V1PolicyRule> ?? [.. ownerRules];
        return [.. servantRules.SelectMany(Breakdown).Where(sub => !owners.Any(o => Covers(o, sub)))];
    }

    /// <summary>
    /// The Forbidden detail when <paramref name="user"/>, holding <paramref name="ownerRules"/>, would grant rules it does
    /// not hold; null when nothing escalates. Worded as ConfirmNoEscalation's error.
    /// </summary>
    public static string? Check(UserInfo user, IReadOnlyList<V1PolicyRule> ownerRules, IEnumerable<V1PolicyRule> rules,
        IReadOnlyList<string> resolutionErrors)
    {
        var missing = Uncovered(ownerRules, rules);
        if (missing.Count == 0) return null;
        var descriptions = Compact(missing).Select(CompactString).Distinct().OrderBy(s => s, StringComparer.Ordinal);
        var message = $"user {GoQuote(user.Name)} (groups={GoQuote(user.Groups)}) is attempting to grant RBAC permissions not currently held:\n"
            + string.Join("\n", descriptions);
        if (resolutionErrors.Count > 0)
        {
            var aggregate = resolutionErrors.Count == 1 ? resolutionErrors[0] : $"[{string.Join(", ", resolutionErrors)}]";
            message += $"; resolution errors: [{aggregate}]";
        }
        return message;
    }

    /// <summary>BreakdownRule: one rule per group × resource × verb (× resource name), then per URL × verb.</summary>
    public static IEnumerable<V1PolicyRule> Breakdown(V1PolicyRule rule)
    {
        foreach (var group in rule.ApiGroups ?? [])
            foreach (var resource in rule.Resources ?? [])
                foreach (var verb in rule.Verbs ?? [])
                {
                    if (rule.ResourceNames is { Count: > 0 } names)
                        foreach (var name in names)
                            yield return new V1PolicyRule { ApiGroups = [group], Resources = [resource], Verbs = [verb], ResourceNames = [name] };
                    else
                        yield return new V1PolicyRule { ApiGroups = [group], Resources = [resource], Verbs = [verb] };
                }
        foreach (var url in rule.NonResourceURLs ?? [])
            foreach (var verb in rule.Verbs ?? [])
                yield return new V1PolicyRule { NonResourceURLs = [url], Verbs = [verb] };
    }

    /// <summary>ruleCovers: whether one owner rule covers a broken-down rule.</summary>
    public static bool Covers(V1PolicyRule owner, V1PolicyRule sub)
    {
        var verbs = Has(owner.Verbs, "*") || HasAll(owner.Verbs, sub.Verbs);
        var groups = Has(owner.ApiGroups, "*") || HasAll(owner.ApiGroups, sub.ApiGroups);
        var resources = ResourcesCoverAll(owner.Resources, sub.Resources);
        var urls = (sub.NonResourceURLs ?? []).All(path => (owner.NonResourceURLs ?? []).Any(o => UrlCovers(o, path)));
        var names = sub.ResourceNames is not { Count: > 0 }
            ? owner.ResourceNames is not { Count: > 0 }
            : owner.ResourceNames is not { Count: > 0 } || HasAll(owner.ResourceNames, sub.ResourceNames);
        return verbs && groups && resources && names && urls;
    }

    /// <summary>CompactRules: rules with one group and one resource and nothing else are merged by group/resource, verbs in order.</summary>
    public static IReadOnlyList<V1PolicyRule> Compact(IEnumerable<V1PolicyRule> rules)
    {
        var compacted = new List<V1PolicyRule>();
        var simple = new Dictionary<(string, string), V1PolicyRule>();
        var order = new List<V1PolicyRule>();
        foreach (var rule in rules)
        {
            var isSimple = rule.ResourceNames is not { Count: > 0 } && rule.NonResourceURLs is not { Count: > 0 }
                && rule.ApiGroups is { Count: 1 } && rule.Resources is { Count: 1 };
            if (!isSimple)
            {
                compacted.Add(rule);
                continue;
            }
            var key = (rule.ApiGroups![0], rule.Resources![0]);
            if (simple.TryGetValue(key, out var existing))
                existing.Verbs = [.. existing.Verbs ?? [], .. rule.Verbs ?? []];
            else
            {
                var copy = new V1PolicyRule { ApiGroups = [key.Item1], Resources = [key.Item2], Verbs = [.. rule.Verbs ?? []] };
                simple[key] = copy;
                order.Add(copy);
            }
        }
        compacted.AddRange(order);
        return compacted;
    }

    /// <summary>CompactString: {APIGroups:["..."], Resources:["..."], NonResourceURLs:[...], ResourceNames:[...], Verbs:[...]}.</summary>
    public static string CompactString(V1PolicyRule rule)
    {
        var parts = new List<string>();
        if (rule.ApiGroups is { Count: > 0 }) parts.Add($"APIGroups:{GoQuote(rule.ApiGroups)}");
        if (rule.Resources is { Count: > 0 }) parts.Add($"Resources:{GoQuote(rule.Resources)}");
        if (rule.NonResourceURLs is { Count: > 0 }) parts.Add($"NonResourceURLs:{GoQuote(rule.NonResourceURLs)}");
        if (rule.ResourceNames is { Count: > 0 }) parts.Add($"ResourceNames:{GoQuote(rule.ResourceNames)}");
        if (rule.Verbs is { Count: > 0 }) parts.Add($"Verbs:{GoQuote(rule.Verbs)}");
        return "{" + string.Join(", ", parts) + "}";
    }

    /// <summary>Go's %q of a []string: ["a" "b"].</summary>
    public static string GoQuote(IEnumerable<string> values) => "[" + string.Join(" ", values.Select(GoQuote)) + "]";

    /// <summary>Go's %q of a string (strconv.Quote) for the printable text names and rules carry.</summary>
    public static string GoQuote(string value)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\t': sb.Append("\\t"); break;
                case '\r': sb.Append("\\r"); break;
                default:
                    if (c < 0x20 || c == 0x7f) sb.Append($"\\x{(int)c:x2}");
                    else sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    private static bool Has(IList<string>? set, string value) => set?.Contains(value) == true;

    private static bool HasAll(IList<string>? set, IList<string>? values) => (values ?? []).All(v => Has(set, v));

    private static bool ResourcesCoverAll(IList<string>? owner, IList<string>? covers)
    {
        if (Has(owner, "*") || HasAll(owner, covers)) return true;
        foreach (var path in covers ?? [])
        {
            if (Has(owner, path)) continue;
            var slash = path.IndexOf('/');
            if (slash < 0 || !Has(owner, "*/" + path[(slash + 1)..])) return false;
        }
        return true;
    }

    private static bool UrlCovers(string owner, string path) =>
        owner == path || (owner.EndsWith('*') && path.StartsWith(owner.TrimEnd('*'), StringComparison.Ordinal));
}
