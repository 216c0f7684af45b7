using Emulator.E2E.Tests.Harness;

namespace Emulator.E2E.Tests.Security;

/// <summary>
/// A tokens-file user bound to the default "view" ClusterRole in one namespace (through its group): reads work there,
/// writes and other namespaces get the real 403 text, and kubectl auth can-i / whoami answer for it.
/// </summary>
[Collection(SecurityCollection.Name)]
public sealed class ViewOnlyUserTests(SecurityFixture fixture)
{
    private async Task<string> NamespaceWithViewersAsync(string purpose)
    {
        var ns = await fixture.CreateNamespaceAsync(purpose);
        (await fixture.Kubectl.RunAsync("create", "rolebinding", "viewers", "--clusterrole=view", "--group=viewers", "-n", ns)).Succeeds()
            .PrintsLine("^rolebinding.rbac.authorization.k8s.io/viewers created$");
        (await fixture.Kubectl.RunAsync("create", "configmap", "settings", "--from-literal=a=b", "-n", ns)).Succeeds();
        return ns;
    }

    [Fact]
    public async Task A_view_user_can_get_but_delete_is_forbidden_with_the_real_message()
    {
        var ns = await NamespaceWithViewersAsync("sec-view");

        (await fixture.AsToken(SecurityFixture.JaneToken, "get", "configmaps", "-n", ns)).Succeeds()
            .PrintsHeader(@"^NAME\s+DATA\s+AGE$").PrintsLine(@"^settings\s+1\s+");
        (await fixture.AsToken(SecurityFixture.JaneToken, "delete", "configmap", "settings", "-n", ns)).FailsWith(1)
            .PrintsErrorLine($"^Error from server \\(Forbidden\\): configmaps \"settings\" is forbidden: User \"jane\" cannot delete resource \"configmaps\" in API group \"\" in the namespace \"{ns}\"$");
        (await fixture.Kubectl.RunAsync("get", "configmap", "settings", "-n", ns)).Succeeds();
    }

    [Fact]
    public async Task Lists_outside_the_bound_namespace_and_at_cluster_scope_are_forbidden()
    {
        var ns = await NamespaceWithViewersAsync("sec-scope");
        var other = await fixture.CreateNamespaceAsync("sec-other");

        (await fixture.AsToken(SecurityFixture.JaneToken, "get", "configmaps", "-n", other)).FailsWith(1)
            .PrintsErrorLine($"^Error from server \\(Forbidden\\): configmaps is forbidden: User \"jane\" cannot list resource \"configmaps\" in API group \"\" in the namespace \"{other}\"$");
        (await fixture.AsToken(SecurityFixture.JaneToken, "get", "nodes")).FailsWith(1)
            .PrintsErrorLine("^Error from server \\(Forbidden\\): nodes is forbidden: User \"jane\" cannot list resource \"nodes\" in API group \"\" at the cluster scope$");
        (await fixture.AsToken(SecurityFixture.JaneToken, "get", "secrets", "-n", ns)).FailsWith(1)
            .PrintsErrorLine($"^Error from server \\(Forbidden\\): secrets is forbidden: User \"jane\" cannot list resource \"secrets\" in API group \"\" in the namespace \"{ns}\"$");
    }

    [Fact]
    public async Task Auth_can_i_answers_yes_and_no_for_the_user()
    {
        var ns = await NamespaceWithViewersAsync("sec-cani");

        (await fixture.AsToken(SecurityFixture.JaneToken, "auth", "can-i", "list", "configmaps", "-n", ns)).Succeeds().PrintsExactly("yes\n");
        (await fixture.AsToken(SecurityFixture.JaneToken, "auth", "can-i", "delete", "configmaps", "-n", ns)).FailsWith(1).PrintsExactly("no\n");
        (await fixture.AsToken(SecurityFixture.JaneToken, "auth", "can-i", "get", "deployments.apps", "-n", ns)).Succeeds().PrintsExactly("yes\n");
        (await fixture.AsToken(SecurityFixture.BobToken, "auth", "can-i", "list", "configmaps", "-n", ns)).FailsWith(1).PrintsExactly("no\n");
        (await fixture.Kubectl.RunAsync("auth", "can-i", "delete", "nodes")).Succeeds().PrintsExactly("yes\n");
    }

    [Fact]
    public async Task Auth_can_i_list_shows_the_rules_of_the_bound_roles()
    {
        var ns = await NamespaceWithViewersAsync("sec-list");

        (await fixture.AsToken(SecurityFixture.JaneToken, "auth", "can-i", "--list", "-n", ns)).Succeeds()
            .PrintsHeader(@"^Resources\s+Non-Resource URLs\s+Resource Names\s+Verbs$")
            .PrintsLine(@"^configmaps\s+\[\]\s+\[\]\s+\[get list watch\]$")
            .PrintsLine(@"^selfsubjectaccessreviews\.authorization\.k8s\.io\s+\[\]\s+\[\]\s+\[create\]$");
    }

    [Fact]
    public async Task Auth_whoami_prints_the_token_user_and_groups()
    {
        (await fixture.AsToken(SecurityFixture.JaneToken, "auth", "whoami")).Succeeds()
            .PrintsLine(@"^Username\s+jane$")
            .PrintsLine(@"^UID\s+u-jane$")
            .PrintsLine(@"^Groups\s+\[viewers system:authenticated\]$");
        (await fixture.Kubectl.RunAsync("auth", "whoami")).Succeeds()
            .PrintsLine(@"^Username\s+admin$")
            .PrintsLine(@"^Groups\s+\[system:masters system:authenticated\]$");
    }
}
