using Emulator.E2E.Tests.Harness;

namespace Emulator.E2E.Tests.Cli;

[Collection(SharedEmulatorCollection.Name)]
public sealed class SecretCommandTests(EmulatorFixture fixture)
{
    [Fact]
    public async Task Create_secret_generic_prints_created_and_stores_the_value_base64_encoded()
    {
        var ns = await fixture.CreateNamespaceAsync("secret");

        (await fixture.Kubectl.RunAsync("create", "secret", "generic", "s", "--from-literal=u=admin", "-n", ns)).Succeeds()
            .PrintsExactly("secret/s created\n");

        (await fixture.Kubectl.RunAsync("get", "secret", "s", "-n", ns, "-o", "jsonpath={.data.u}")).Succeeds().PrintsExactly("YWRtaW4=");
    }

    [Fact]
    public async Task A_secret_created_without_a_type_defaults_to_Opaque()
    {
        var ns = await fixture.CreateNamespaceAsync("secret-type");

        // kubectl sends no type for `create secret generic`; kube-apiserver's defaulting sets Opaque.
        (await fixture.Kubectl.RunAsync("create", "secret", "generic", "s", "--from-literal=u=admin", "-n", ns)).Succeeds();

        (await fixture.Kubectl.RunAsync("get", "secret", "s", "-n", ns, "-o", "jsonpath={.type}")).Succeeds().PrintsExactly("Opaque");
        (await fixture.Kubectl.RunAsync("get", "secrets", "-n", ns)).Succeeds()
            .PrintsHeader(@"^NAME\s+TYPE\s+DATA\s+AGE$")
            .PrintsLine(@"^s\s+Opaque\s+1\s+\S+$");
        (await fixture.Kubectl.RunAsync("describe", "secret", "s", "-n", ns)).Succeeds().PrintsLine(@"^Type:\s+Opaque$");
    }

    [Fact]
    public async Task Describe_secret_shows_sizes_not_values()
    {
        var ns = await fixture.CreateNamespaceAsync("secret-describe");
        (await fixture.Kubectl.RunAsync("create", "secret", "generic", "s", "--from-literal=u=admin", "-n", ns)).Succeeds();

        (await fixture.Kubectl.RunAsync("describe", "secret", "s", "-n", ns)).Succeeds()
            .PrintsLine(@"^Name:\s+s$")
            .PrintsLine($@"^Namespace:\s+{ns}$")
            .PrintsLine(@"^u:\s+5 bytes$")
            .DoesNotPrintLine("admin");
    }
}
