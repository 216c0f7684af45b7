using Emulator.Domain.Security;
using k8s.Models;

namespace Emulator.Domain.Tests.Rbac;

public sealed class RbacAuthorizerTests
{
    private static readonly UserInfo Jane = UserInfo.Authenticated("jane", null, ["viewers"]);

    private static RequestAttributes Resource(UserInfo user, string verb, string resource, string ns = "", string name = "", string group = "", string sub = "") =>
        RequestAttributes.ForResource(user, verb, group, resource, sub, ns, name);

    [Fact]
    public void System_masters_are_allowed_everything_without_any_binding()
    {
        var authorizer = new RbacAuthorizer(new InMemoryPolicy());
        var admin = UserInfo.Authenticated("admin", null, [UserInfo.SystemMasters]);

        Assert.True(authorizer.Authorize(Resource(admin, "delete", "nodes", name: "n1")).Allowed);
    }

    [Fact]
    public void A_user_without_bindings_gets_discovery_and_self_reviews_only()
    {
        var authorizer = new RbacAuthorizer(new InMemoryPolicy());

        Assert.True(authorizer.Authorize(RequestAttributes.ForPath(Jane, "get", "/apis/apps/v1")).Allowed);
        Assert.True(authorizer.Authorize(Resource(Jane, "create", "selfsubjectaccessreviews", group: "authorization.k8s.io")).Allowed);
        Assert.True(authorizer.Authorize(Resource(Jane, "create", "selfsubjectreviews", group: "authentication.k8s.io")).Allowed);
        Assert.False(authorizer.Authorize(Resource(Jane, "list", "pods", "default")).Allowed);
        Assert.False(authorizer.Authorize(RequestAttributes.ForPath(Jane, "get", "/metrics")).Allowed);
    }

    [Fact]
    public void The_view_role_bound_to_a_group_allows_reads_in_that_namespace_only()
    {
        var policy = new InMemoryPolicy().Bind("team", "viewers", "ClusterRole", "view", InMemoryPolicy.Group("viewers"));
        var authorizer = new RbacAuthorizer(policy);

        var allowed = authorizer.Authorize(Resource(Jane, "get", "pods", "team", "web"));
        Assert.True(allowed.Allowed);
        Assert.Equal("RBAC: allowed by RoleBinding \"viewers/team\" of ClusterRole \"view\" to Group \"viewers\"", allowed.Reason);
        Assert.True(authorizer.Authorize(Resource(Jane, "watch", "deployments", "team", group: "apps")).Allowed);
        Assert.True(authorizer.Authorize(Resource(Jane, "get", "pods", "team", "web", sub: "log")).Allowed);
        Assert.False(authorizer.Authorize(Resource(Jane, "delete", "pods", "team", "web")).Allowed);
        Assert.False(authorizer.Authorize(Resource(Jane, "get", "secrets", "team", "s")).Allowed);
        Assert.False(authorizer.Authorize(Resource(Jane, "get", "pods", "other", "web")).Allowed);
        Assert.False(authorizer.Authorize(Resource(Jane, "list", "pods")).Allowed);
    }

    [Fact]
    public void Aggregation_gives_edit_the_view_rules_and_admin_the_edit_rules()
    {
        var policy = new InMemoryPolicy()
            .Bind("ns", "e", "ClusterRole", "edit", InMemoryPolicy.User("jane"))
            .Bind("ns2", "a", "ClusterRole", "admin", InMemoryPolicy.User("jane"));
        var authorizer = new RbacAuthorizer(policy);

        Assert.True(authorizer.Authorize(Resource(Jane, "list", "configmaps", "ns")).Allowed);
        Assert.True(authorizer.Authorize(Resource(Jane, "delete", "configmaps", "ns", "c")).Allowed);
        Assert.True(authorizer.Authorize(Resource(Jane, "create", "serviceaccounts", "ns", "robot", sub: "token")).Allowed);
        Assert.False(authorizer.Authorize(Resource(Jane, "create", "rolebindings", "ns", group: "rbac.authorization.k8s.io")).Allowed);
        Assert.True(authorizer.Authorize(Resource(Jane, "create", "rolebindings", "ns2", group: "rbac.authorization.k8s.io")).Allowed);
        Assert.True(authorizer.Authorize(Resource(Jane, "get", "pods", "ns2", "p")).Allowed);
    }

    [Fact]
    public void Resource_names_wildcard_subresources_and_url_prefixes_match_as_rbac_does()
    {
        var policy = new InMemoryPolicy();
        policy.Roles.Add(new V1Role
        {
            Metadata = new V1ObjectMeta { Name = "narrow", NamespaceProperty = "ns" },
            Rules =
            [
                new V1PolicyRule { Verbs = ["get"], ApiGroups = [""], Resources = ["configmaps"], ResourceNames = ["allowed"] },
                new V1PolicyRule { Verbs = ["*"], ApiGroups = ["apps"], Resources = ["*/scale"] },
            ],
        });
        policy.Bind("ns", "narrow", "Role", "narrow", InMemoryPolicy.User("jane"));
        policy.ClusterRolesList.Add(new V1ClusterRole { Metadata = new V1ObjectMeta { Name = "metrics" }, Rules = [new V1PolicyRule { Verbs = ["get"], NonResourceURLs = ["/metrics/*"] }] });
        policy.ClusterRoleBindingsList.Add(new V1ClusterRoleBinding
        {
            Metadata = new V1ObjectMeta { Name = "metrics" }, RoleRef = new V1RoleRef { Kind = "ClusterRole", Name = "metrics", ApiGroup = "rbac.authorization.k8s.io" },
            Subjects = [InMemoryPolicy.User("jane")],
        });
        var authorizer = new RbacAuthorizer(policy);

        Assert.True(authorizer.Authorize(Resource(Jane, "get", "configmaps", "ns", "allowed")).Allowed);
        Assert.False(authorizer.Authorize(Resource(Jane, "get", "configmaps", "ns", "other")).Allowed);
        Assert.False(authorizer.Authorize(Resource(Jane, "list", "configmaps", "ns")).Allowed);
        Assert.True(authorizer.Authorize(Resource(Jane, "patch", "deployments", "ns", "web", "apps", "scale")).Allowed);
        Assert.False(authorizer.Authorize(Resource(Jane, "patch", "deployments", "ns", "web", "apps")).Allowed);
        Assert.True(authorizer.Authorize(RequestAttributes.ForPath(Jane, "get", "/metrics/cadvisor")).Allowed);
        Assert.False(authorizer.Authorize(RequestAttributes.ForPath(Jane, "post", "/metrics/cadvisor")).Allowed);
    }

    [Fact]
    public void Service_account_subjects_default_to_the_binding_namespace()
    {
        var policy = new InMemoryPolicy().Bind("ns", "robot", "ClusterRole", "view", InMemoryPolicy.ServiceAccount("robot"));
        var authorizer = new RbacAuthorizer(policy);
        var robot = UserInfo.ForServiceAccount("ns", "robot", "uid-1");
        var stranger = UserInfo.ForServiceAccount("other", "robot", "uid-2");

        var decision = authorizer.Authorize(Resource(robot, "list", "pods", "ns"));
        Assert.True(decision.Allowed);
        Assert.Equal("RBAC: allowed by RoleBinding \"robot/ns\" of ClusterRole \"view\" to ServiceAccount \"robot/ns\"", decision.Reason);
        Assert.False(authorizer.Authorize(Resource(stranger, "list", "pods", "ns")).Allowed);
        Assert.Equal(["system:serviceaccounts", "system:serviceaccounts:ns", "system:authenticated"], robot.Groups);
    }

    [Fact]
    public void A_binding_to_a_missing_role_denies_with_the_rbac_reason()
    {
        var policy = new InMemoryPolicy().Bind("ns", "broken", "Role", "gone", InMemoryPolicy.User("jane"));

        var decision = new RbacAuthorizer(policy).Authorize(Resource(Jane, "get", "pods", "ns", "p"));

        Assert.False(decision.Allowed);
        Assert.Equal("RBAC: role.rbac.authorization.k8s.io \"gone\" not found", decision.Reason);
    }
}
