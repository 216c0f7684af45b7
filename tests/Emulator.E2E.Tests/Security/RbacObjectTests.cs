using Emulator.E2E.Tests.Harness;

namespace Emulator.E2E.Tests.Security;

/// <summary>The RBAC kinds through kubectl: bootstrap roles, create/get with their printers, validation and aggregation.</summary>
[Collection(SecurityCollection.Name)]
public sealed class RbacObjectTests(SecurityFixture fixture)
{
    [Fact]
    public async Task The_default_cluster_roles_and_bindings_exist()
    {
        (await fixture.Kubectl.RunAsync("get", "clusterroles", "cluster-admin", "admin", "edit", "view", "-o", "name")).Succeeds()
            .PrintsExactly("clusterrole.rbac.authorization.k8s.io/cluster-admin\nclusterrole.rbac.authorization.k8s.io/admin\n" +
                           "clusterrole.rbac.authorization.k8s.io/edit\nclusterrole.rbac.authorization.k8s.io/view\n");
        (await fixture.Kubectl.RunAsync("get", "clusterrolebinding", "cluster-admin", "-o", "wide")).Succeeds()
            .PrintsHeader(@"^NAME\s+ROLE\s+AGE\s+USERS\s+GROUPS\s+SERVICEACCOUNTS$")
            .PrintsLine(@"^cluster-admin\s+ClusterRole/cluster-admin\s+\S+\s+system:masters\s*$");
    }

    [Fact]
    public async Task Roles_and_bindings_are_created_printed_and_validated()
    {
        var ns = await fixture.CreateNamespaceAsync("sec-rbac");

        (await fixture.Kubectl.RunAsync("create", "role", "pod-reader", "--verb=get,list", "--resource=pods", "-n", ns)).Succeeds()
            .PrintsLine("^role.rbac.authorization.k8s.io/pod-reader created$");
        (await fixture.Kubectl.RunAsync("create", "rolebinding", "read-pods", "--role=pod-reader", "--user=jane", $"--serviceaccount={ns}:robot", "-n", ns)).Succeeds();
        (await fixture.Kubectl.RunAsync("get", "rolebindings", "-n", ns, "-o", "wide")).Succeeds()
            .PrintsLine($@"^read-pods\s+Role/pod-reader\s+\S+\s+jane\s+{ns}/robot\s*$");
        (await fixture.AsToken(SecurityFixture.JaneToken, "auth", "can-i", "list", "pods", "-n", ns)).Succeeds().PrintsExactly("yes\n");

        var invalid = $$"""
            {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"Role","metadata":{"name":"bad","namespace":"{{ns}}"},
             "rules":[{"apiGroups":[""],"resources":["pods"]}]}
            """;
        (await fixture.Kubectl.CreateFromManifestAsync(invalid)).FailsWith(1)
            .PrintsErrorLine("^The Role \"bad\" is invalid: rules\\[0\\]\\.verbs: Required value: verbs must contain at least one value$");
    }

    [Fact]
    public async Task A_cluster_role_labelled_aggregate_to_view_extends_view()
    {
        var ns = await fixture.CreateNamespaceAsync("sec-aggr");
        (await fixture.Kubectl.RunAsync("create", "rolebinding", "viewers", "--clusterrole=view", "--group=viewers", "-n", ns)).Succeeds();
        (await fixture.AsToken(SecurityFixture.JaneToken, "auth", "can-i", "list", "leases.coordination.k8s.io", "-n", ns)).FailsWith(1).PrintsExactly("no\n");

        var role = """
            {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole",
             "metadata":{"name":"lease-reader","labels":{"rbac.authorization.k8s.io/aggregate-to-view":"true"}},
             "rules":[{"apiGroups":["coordination.k8s.io"],"resources":["leases"],"verbs":["get","list","watch"]}]}
            """;
        (await fixture.Kubectl.CreateFromManifestAsync(role)).Succeeds();

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        CommandResult answer;
        do
        {
            answer = await fixture.AsToken(SecurityFixture.JaneToken, "auth", "can-i", "list", "leases.coordination.k8s.io", "-n", ns);
            if (answer.ExitCode == 0)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
        while (DateTime.UtcNow < deadline);

        answer.Succeeds().PrintsExactly("yes\n");
    }
}
