using Emulator.E2E.Tests.Harness;

namespace Emulator.E2E.Tests.Security;

/// <summary>kubectl --as: allowed for the admin (impersonate on users), refused for others with the real message.</summary>
[Collection(SecurityCollection.Name)]
public sealed class ImpersonationTests(SecurityFixture fixture)
{
    [Fact]
    public async Task The_admin_acts_as_jane_and_gets_janes_rights()
    {
        var ns = await fixture.CreateNamespaceAsync("sec-as");
        (await fixture.Kubectl.RunAsync("create", "rolebinding", "jane-view", "--clusterrole=view", "--user=jane", "-n", ns)).Succeeds();
        (await fixture.Kubectl.RunAsync("create", "configmap", "settings", "--from-literal=a=b", "-n", ns)).Succeeds();

        (await fixture.Kubectl.RunAsync("--as=jane", "get", "configmap", "settings", "-n", ns, "-o", "name")).Succeeds()
            .PrintsExactly("configmap/settings\n");
        (await fixture.Kubectl.RunAsync("--as=jane", "delete", "configmap", "settings", "-n", ns)).FailsWith(1)
            .PrintsErrorLine($"^Error from server \\(Forbidden\\): configmaps \"settings\" is forbidden: User \"jane\" cannot delete resource \"configmaps\" in API group \"\" in the namespace \"{ns}\"$");
        (await fixture.Kubectl.RunAsync("--as=jane", "auth", "can-i", "delete", "configmaps", "-n", ns)).FailsWith(1).PrintsExactly("no\n");
        (await fixture.Kubectl.RunAsync("--as=jane", "--as-group=team", "auth", "whoami")).Succeeds()
            .PrintsLine(@"^Username\s+jane$").PrintsLine(@"^Groups\s+\[team system:authenticated\]$");
    }

    [Fact]
    public async Task A_user_without_the_impersonate_verb_is_refused()
    {
        (await fixture.AsToken(SecurityFixture.BobToken, "--as=jane", "get", "configmaps", "-n", "default")).FailsWith(1)
            .PrintsErrorLine("^Error from server \\(Forbidden\\): users \"jane\" is forbidden: User \"bob\" cannot impersonate resource \"users\" in API group \"\" at the cluster scope$");
    }

    [Fact]
    public async Task The_admin_impersonates_a_uid_and_whoami_shows_it()
    {
        (await fixture.Kubectl.RunAsync("--as=jane", "--as-uid=u-1234", "auth", "whoami")).Succeeds()
            .PrintsLine(@"^Username\s+jane$").PrintsLine(@"^UID\s+u-1234$");
    }

    [Fact]
    public async Task Extras_and_uids_each_need_their_own_impersonate_right()
    {
        var kubeconfig = fixture.ImpersonatingKubeconfig("bob-as-carol", SecurityFixture.BobToken, "carol",
            new Dictionary<string, string[]> { ["scopes"] = ["view", "development"] });
        (await fixture.Kubectl.CreateFromManifestAsync(ImpersonatorRole(extras: false))).Succeeds();
        (await fixture.Kubectl.RunAsync("create", "clusterrolebinding", "sec-imp-bob", "--clusterrole=sec-imp-carol", "--user=bob")).Succeeds();
        try
        {
            // (whoami words any Forbidden as "not enabled", so the refusal is shown by another request)
            (await fixture.WithKubeconfig(kubeconfig, "get", "configmaps")).FailsWith(1)
                .PrintsErrorLine("^Error from server \\(Forbidden\\): userextras.authentication.k8s.io \"view\" is forbidden: User \"bob\" " +
                                 "cannot impersonate resource \"userextras/scopes\" in API group \"authentication.k8s.io\" at the cluster scope$");

            (await fixture.Kubectl.RunAsync(["replace", "-f", "-"], ImpersonatorRole(extras: true))).Succeeds();
            (await fixture.WithKubeconfig(kubeconfig, "auth", "whoami", "-o", "yaml")).Succeeds()
                .PrintsLine("^    username: carol$")
                .PrintsLine("^      scopes:$")
                .PrintsLine("^      - view$")
                .PrintsLine("^      - development$");
            (await fixture.WithKubeconfig(kubeconfig, "auth", "whoami")).Succeeds()
                .PrintsLine(@"^Extra: scopes\s+\[view development\]$");

            (await fixture.WithKubeconfig(kubeconfig, "--as-uid=u-9", "get", "configmaps")).FailsWith(1)
                .PrintsErrorLine("^Error from server \\(Forbidden\\): uids.authentication.k8s.io \"u-9\" is forbidden: User \"bob\" " +
                                 "cannot impersonate resource \"uids\" in API group \"authentication.k8s.io\" at the cluster scope$");
        }
        finally
        {
            (await fixture.Kubectl.RunAsync("delete", "clusterrolebinding", "sec-imp-bob")).Succeeds();
            (await fixture.Kubectl.RunAsync("delete", "clusterrole", "sec-imp-carol")).Succeeds();
        }
    }

    private static string ImpersonatorRole(bool extras) => $$"""
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: sec-imp-carol
        rules:
        - apiGroups: [""]
          resources: ["users"]
          verbs: ["impersonate"]
          resourceNames: ["carol"]
        {{(extras ? "- apiGroups: [\"authentication.k8s.io\"]\n  resources: [\"userextras/scopes\"]\n  verbs: [\"impersonate\"]\n  resourceNames: [\"view\", \"development\"]" : "")}}
        """;
}
