using k8s.Models;

namespace Emulator.Domain.Security;

/// <summary>RBAC's rule matching (pkg/apis/rbac/v1/evaluation_helpers.go): "*" wildcards, "*/sub" resources, URL prefixes.</summary>
public static class PolicyRuleMatching
{
    public static bool Allows(RequestAttributes request, V1PolicyRule rule)
    {
        if (request.IsResourceRequest)
        {
            var combined = request.Subresource.Length > 0 ? $"{request.Resource}/{request.Subresource}" : request.Resource;
            return VerbMatches(rule, request.Verb) && ApiGroupMatches(rule, request.ApiGroup)
                && ResourceMatches(rule, combined, request.Subresource) && ResourceNameMatches(rule, request.Name);
        }
        return VerbMatches(rule, request.Verb) && NonResourceUrlMatches(rule, request.Path);
    }

    public static bool VerbMatches(V1PolicyRule rule, string verb) =>
        rule.Verbs?.Any(v => v == "*" || v == verb) == true;

    public static bool ApiGroupMatches(V1PolicyRule rule, string group) =>
        rule.ApiGroups?.Any(g => g == "*" || g == group) == true;

    public static bool ResourceMatches(V1PolicyRule rule, string combined, string subresource)
    {
        foreach (var r in rule.Resources ?? [])
        {
            if (r == "*" || r == combined) return true;
            if (subresource.Length > 0 && r.Length == subresource.Length + 2 && r.StartsWith("*/", StringComparison.Ordinal)
                && r.EndsWith(subresource, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    public static bool ResourceNameMatches(V1PolicyRule rule, string name) =>
        rule.ResourceNames is not { Count: > 0 } names || names.Contains(name);

    public static bool NonResourceUrlMatches(V1PolicyRule rule, string path)
    {
        foreach (var url in rule.NonResourceURLs ?? [])
        {
            if (url == "*" || url == path) return true;
            if (url.EndsWith('*') && path.StartsWith(url.TrimEnd('*'), StringComparison.Ordinal)) return true;
        }
        return false;
    }
}
