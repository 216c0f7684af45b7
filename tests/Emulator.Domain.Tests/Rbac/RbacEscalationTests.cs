using Emulator.Domain.Security;
using k8s.Models;

namespace Emulator.Domain.Tests.Rbac;

/// <summary>
/// The escalation check against cases of kubernetes component-helpers auth/rbac/validation/policy_comparator_test.go
/// and the ConfirmNoEscalation message (pkg/registry/rbac/validation/rule.go).
/// </summary>
public sealed class RbacEscalationTests
{
    private static readonly UserInfo Jane = UserInfo.Authenticated("jane", null, ["viewers"]);

    private static V1PolicyRule Rule(string[] verbs, string[] groups, string[] resources, string[]? names = null) =>
        new() { Verbs = verbs, ApiGroups = groups, Resources = resources, ResourceNames = names };

    private static V1PolicyRule Urls(string[] verbs, params string[] urls) => new() { Verbs = verbs, NonResourceURLs = urls };

    [Fact]
    public void Exact_wildcard_and_star_subresource_rules_cover()
    {
        Assert.Empty(RbacEscalation.Uncovered([Rule(["get", "list"], [""], ["pods"])], [Rule(["get"], [""], ["pods"])]));
        Assert.Empty(RbacEscalation.Uncovered([Rule(["*"], ["*"], ["*"])], [Rule(["delete"], ["apps"], ["deployments/scale"])]));
        Assert.Empty(RbacEscalation.Uncovered([Rule(["update"], ["apps"], ["*/scale"])], [Rule(["update"], ["apps"], ["deployments/scale"])]));
        Assert.Empty(RbacEscalation.Uncovered([Urls(["get"], "/apis/*")], [Urls(["get"], "/apis/apps/v1")]));
    }

    [Fact]
    public void Resource_names_narrow_what_an_owner_rule_covers()
    {
        // An unnamed owner rule covers any name; a named one covers only its names, never the whole collection.
        Assert.Empty(RbacEscalation.Uncovered([Rule(["get"], [""], ["secrets"])], [Rule(["get"], [""], ["secrets"], ["a"])]));
        Assert.Empty(RbacEscalation.Uncovered([Rule(["get"], [""], ["secrets"], ["a", "b"])], [Rule(["get"], [""], ["secrets"], ["b"])]));
        var missing = RbacEscalation.Uncovered([Rule(["get"], [""], ["secrets"], ["a"])], [Rule(["get"], [""], ["secrets"])]);
        Assert.Equal("{APIGroups:[\"\"], Resources:[\"secrets\"], Verbs:[\"get\"]}", RbacEscalation.CompactString(Assert.Single(missing)));
    }

    [Fact]
    public void A_star_subresource_rule_does_not_cover_the_resource_itself()
    {
        var missing = RbacEscalation.Uncovered([Rule(["get"], [""], ["*/status"])], [Rule(["get"], [""], ["pods", "pods/status"])]);
        Assert.Equal("pods", Assert.Single(Assert.Single(missing).Resources));
    }

    [Fact]
    public void The_message_lists_missing_rules_compacted_by_resource_and_sorted()
    {
        var held = new[] { Rule(["get"], [""], ["pods"]) };
        var granted = new[]
        {
            Rule(["get", "delete", "patch"], [""], ["pods", "secrets"]),
            Rule(["get"], [""], ["configmaps"], ["settings"]),
            Urls(["get"], "/metrics"),
        };

        var message = RbacEscalation.Check(Jane, held, granted, []);

        Assert.Equal(
            "user \"jane\" (groups=[\"viewers\" \"system:authenticated\"]) is attempting to grant RBAC permissions not currently held:\n" +
            "{APIGroups:[\"\"], Resources:[\"configmaps\"], ResourceNames:[\"settings\"], Verbs:[\"get\"]}\n" +
            "{APIGroups:[\"\"], Resources:[\"pods\"], Verbs:[\"delete\" \"patch\"]}\n" +
            "{APIGroups:[\"\"], Resources:[\"secrets\"], Verbs:[\"get\" \"delete\" \"patch\"]}\n" +
            "{NonResourceURLs:[\"/metrics\"], Verbs:[\"get\"]}",
            message);
    }

    [Fact]
    public void Nothing_escalates_when_every_rule_is_held_and_resolution_errors_are_appended_otherwise()
    {
        Assert.Null(RbacEscalation.Check(Jane, [Rule(["*"], ["*"], ["*"])], [Rule(["get"], ["apps"], ["deployments"])], ["ignored"]));

        var message = RbacEscalation.Check(Jane, [], [Rule(["get"], [""], ["pods"])], ["clusterrole.rbac.authorization.k8s.io \"gone\" not found"]);

        Assert.EndsWith("{APIGroups:[\"\"], Resources:[\"pods\"], Verbs:[\"get\"]}; resolution errors: [clusterrole.rbac.authorization.k8s.io \"gone\" not found]", message);
    }

    [Fact]
    public void A_user_bound_to_admin_in_a_namespace_holds_edit_but_not_cluster_admin_there()
    {
        var policy = new InMemoryPolicy().Bind("team", "jane-admin", "ClusterRole", "admin", InMemoryPolicy.User("jane"));
        var rbac = new RbacAuthorizer(policy);
        var errors = new List<string>();
        var held = rbac.RulesFor(Jane, "team", errors);

        Assert.Null(RbacEscalation.Check(Jane, held, rbac.RoleReferenceRules(new V1RoleRef { Kind = "ClusterRole", Name = "edit" }, "team")!, errors));
        Assert.NotNull(RbacEscalation.Check(Jane, held, rbac.RoleReferenceRules(new V1RoleRef { Kind = "ClusterRole", Name = "cluster-admin" }, "team")!, errors));
        // Cluster-wide (a ClusterRole write) the namespaced binding grants nothing.
        Assert.NotNull(RbacEscalation.Check(Jane, rbac.RulesFor(Jane, ""), [Rule(["get"], [""], ["pods"])], []));
        Assert.Empty(errors);
    }
}
