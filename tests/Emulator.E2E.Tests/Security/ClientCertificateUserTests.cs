using Emulator.E2E.Tests.Harness;

namespace Emulator.E2E.Tests.Security;

/// <summary>A user known only by a client certificate signed by the emulator's CA: CN is the user, O the groups.</summary>
[Collection(SecurityCollection.Name)]
public sealed class ClientCertificateUserTests(SecurityFixture fixture)
{
    [Fact]
    public async Task A_client_certificate_user_in_a_bound_group_can_read_but_not_delete()
    {
        var ns = await fixture.CreateNamespaceAsync("sec-cert");
        (await fixture.Kubectl.RunAsync("create", "rolebinding", "viewers", "--clusterrole=view", "--group=viewers", "-n", ns)).Succeeds();
        (await fixture.Kubectl.RunAsync("create", "configmap", "settings", "--from-literal=a=b", "-n", ns)).Succeeds();
        var kubeconfig = fixture.ClientCertificateKubeconfig("carol", "viewers");

        (await fixture.WithKubeconfig(kubeconfig, "auth", "whoami")).Succeeds()
            .PrintsLine(@"^Username\s+carol$")
            .PrintsLine(@"^Groups\s+\[viewers system:authenticated\]$");
        (await fixture.WithKubeconfig(kubeconfig, "get", "configmap", "settings", "-n", ns, "-o", "jsonpath={.data.a}")).Succeeds().PrintsExactly("b");
        (await fixture.WithKubeconfig(kubeconfig, "delete", "configmap", "settings", "-n", ns)).FailsWith(1)
            .PrintsErrorLine($"^Error from server \\(Forbidden\\): configmaps \"settings\" is forbidden: User \"carol\" cannot delete resource \"configmaps\" in API group \"\" in the namespace \"{ns}\"$");
    }

    [Fact]
    public async Task A_certificate_in_the_system_masters_group_is_a_cluster_admin()
    {
        var kubeconfig = fixture.ClientCertificateKubeconfig("root-cert", "system:masters");

        (await fixture.WithKubeconfig(kubeconfig, "auth", "can-i", "delete", "nodes")).Succeeds().PrintsExactly("yes\n");
        (await fixture.WithKubeconfig(kubeconfig, "get", "clusterroles", "cluster-admin")).Succeeds()
            .PrintsHeader(@"^NAME\s+CREATED AT$").PrintsLine(@"^cluster-admin\s+\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$");
    }
}
