using k8s.Models;

namespace Emulator.Domain.Security;

/// <summary>
/// The RBAC authorizer (plugin/pkg/auth/authorizer/rbac): walks the ClusterRoleBindings, then the RoleBindings of the
/// request's namespace, and allows as soon as a bound role holds a matching rule. Members of system:masters are
/// allowed up front, as kube-apiserver's privileged-group authorizer does before RBAC is asked.
/// </summary>
public sealed class RbacAuthorizer(IRbacPolicySource policy)
{
    public AuthorizationDecision Authorize(RequestAttributes request)
    {
        if (request.User.IsPrivileged) return new AuthorizationDecision(true, "");
        var errors = new List<string>();
        foreach (var binding in policy.ClusterRoleBindings())
        {
            if (Subject(binding.Subjects, request.User, "") is not { } subject) continue;
            var rules = RulesFor(binding.RoleRef, "", errors);
            if (rules.FirstOrDefault(r => PolicyRuleMatching.Allows(request, r)) is not null)
                return new AuthorizationDecision(true,
                    $"RBAC: allowed by ClusterRoleBinding \"{binding.Metadata?.Name}\" of {binding.RoleRef.Kind} \"{binding.RoleRef.Name}\" to {Describe(subject, "")}");
        }
        if (request.Namespace.Length > 0)
        {
            foreach (var binding in policy.RoleBindings(request.Namespace))
            {
                if (Subject(binding.Subjects, request.User, request.Namespace) is not { } subject) continue;
                var rules = RulesFor(binding.RoleRef, request.Namespace, errors);
                if (rules.FirstOrDefault(r => PolicyRuleMatching.Allows(request, r)) is not null)
                    return new AuthorizationDecision(true,
                        $"RBAC: allowed by RoleBinding \"{binding.Metadata?.Name}/{request.Namespace}\" of {binding.RoleRef.Kind} \"{binding.RoleRef.Name}\" to {Describe(subject, request.Namespace)}");
            }
        }
        var reason = errors.Count switch
        {
            0 => "",
            1 => $"RBAC: {errors[0]}",
            _ => $"RBAC: [{string.Join(", ", errors)}]",
        };
        return new AuthorizationDecision(false, reason);
    }

    /// <summary>Every rule that applies to <paramref name="user"/> in <paramref name="ns"/> (SelfSubjectRulesReview).</summary>
    public IReadOnlyList<V1PolicyRule> RulesFor(UserInfo user, string ns) => RulesFor(user, ns, []);

    /// <summary>
    /// Every rule bound to <paramref name="user"/> in <paramref name="ns"/> (cluster-wide only for ""), collecting the
    /// bindings whose role is missing in <paramref name="errors"/>, as DefaultRuleResolver.RulesFor does.
    /// </summary>
    public IReadOnlyList<V1PolicyRule> RulesFor(UserInfo user, string ns, List<string> errors)
    {
        if (user.IsPrivileged) return FullAuthority;
        var rules = new List<V1PolicyRule>();
        foreach (var b in policy.ClusterRoleBindings())
            if (Subject(b.Subjects, user, "") is not null) rules.AddRange(RulesFor(b.RoleRef, "", errors));
        if (ns.Length > 0)
            foreach (var b in policy.RoleBindings(ns))
                if (Subject(b.Subjects, user, ns) is not null) rules.AddRange(RulesFor(b.RoleRef, ns, errors));
        return rules;
    }

    /// <summary>cluster-admin's rules: what a ClusterRole's aggregationRule requires of its writer.</summary>
    public static readonly IReadOnlyList<V1PolicyRule> FullAuthority =
        [new V1PolicyRule { Verbs = ["*"], ApiGroups = ["*"], Resources = ["*"] }, new V1PolicyRule { Verbs = ["*"], NonResourceURLs = ["*"] }];

    /// <summary>GetRoleReferenceRules: the rules of the role a binding in <paramref name="ns"/> refers to, null when it does not exist.</summary>
    public IReadOnlyList<V1PolicyRule>? RoleReferenceRules(V1RoleRef roleRef, string ns) => roleRef.Kind switch
    {
        "ClusterRole" => policy.ClusterRole(roleRef.Name) is { } c ? [.. c.Rules ?? []] : null,
        "Role" when ns.Length > 0 => policy.Role(ns, roleRef.Name) is { } r ? [.. r.Rules ?? []] : null,
        _ => null,
    };

    private IEnumerable<V1PolicyRule> RulesFor(V1RoleRef roleRef, string ns, List<string> errors)
    {
        if (roleRef.Kind == "ClusterRole")
        {
            if (policy.ClusterRole(roleRef.Name) is { } clusterRole) return clusterRole.Rules ?? [];
            errors.Add($"clusterrole.rbac.authorization.k8s.io \"{roleRef.Name}\" not found");
            return [];
        }
        if (roleRef.Kind == "Role" && ns.Length > 0)
        {
            if (policy.Role(ns, roleRef.Name) is { } role) return role.Rules ?? [];
            errors.Add($"role.rbac.authorization.k8s.io \"{roleRef.Name}\" not found");
        }
        return [];
    }

    private static Rbacv1Subject? Subject(IList<Rbacv1Subject>? subjects, UserInfo user, string bindingNamespace) =>
        subjects?.FirstOrDefault(s => AppliesTo(s, user, bindingNamespace));

    internal static bool AppliesTo(Rbacv1Subject subject, UserInfo user, string bindingNamespace) => subject.Kind switch
    {
        "User" => user.Name == subject.Name,
        "Group" => user.Groups.Contains(subject.Name),
        "ServiceAccount" => user.Name == UserInfo.ServiceAccountName(
            string.IsNullOrEmpty(subject.NamespaceProperty) ? bindingNamespace : subject.NamespaceProperty, subject.Name),
        _ => false,
    };

    private static string Describe(Rbacv1Subject s, string bindingNamespace) => s.Kind == "ServiceAccount"
        ? $"{s.Kind} \"{s.Name}/{(string.IsNullOrEmpty(s.NamespaceProperty) ? bindingNamespace : s.NamespaceProperty)}\""
        : $"{s.Kind} \"{s.Name}\"";
}
