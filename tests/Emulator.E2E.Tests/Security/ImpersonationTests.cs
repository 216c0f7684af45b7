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
}
