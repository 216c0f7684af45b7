using Emulator.E2E.Tests.Harness;

namespace Emulator.E2E.Tests.Cli;

[Collection(SharedEmulatorCollection.Name)]
public sealed class NamespaceCommandTests(EmulatorFixture fixture)
{
    [Fact]
    public async Task Get_namespaces_lists_the_four_system_namespaces_as_Active()
    {
        var result = (await fixture.Kubectl.RunAsync("get", "namespaces")).Succeeds()
            .PrintsHeader(@"^NAME\s+STATUS\s+AGE$");

        foreach (var ns in new[] { "default", "kube-system", "kube-public", "kube-node-lease" })
        {
            result.PrintsLine($@"^{ns}\s+Active\s+\S+$");
        }
    }

    [Fact]
    public async Task Create_namespace_prints_created_and_the_namespace_is_Active()
    {
        var ns = Names.Namespace("create");

        (await fixture.Kubectl.RunAsync("create", "namespace", ns)).Succeeds().PrintsExactly($"namespace/{ns} created\n");

        (await fixture.Kubectl.RunAsync("get", "ns", ns)).Succeeds()
            .PrintsHeader(@"^NAME\s+STATUS\s+AGE$")
            .PrintsLine($@"^{ns}\s+Active\s+\S+$");
        (await fixture.Kubectl.RunAsync("get", "namespace", ns, "-o", "jsonpath={.status.phase}")).Succeeds().PrintsExactly("Active");
    }

    [Fact]
    public async Task Get_namespaces_name_output_lists_kube_system()
    {
        (await fixture.Kubectl.RunAsync("get", "ns", "-o", "name")).Succeeds()
            .PrintsLine("^namespace/kube-system$")
            .PrintsLine("^namespace/default$");
    }
}
