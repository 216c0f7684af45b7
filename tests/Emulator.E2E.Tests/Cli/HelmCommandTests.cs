using Emulator.E2E.Tests.Harness;

namespace Emulator.E2E.Tests.Cli;

/// <summary>Smoke tests that the helm runner reaches the emulator; chart installs come with their own issue.</summary>
[Collection(SharedEmulatorCollection.Name)]
public sealed class HelmCommandTests(EmulatorFixture fixture)
{
    [Fact]
    public async Task Helm_list_in_a_new_namespace_prints_only_the_header()
    {
        var ns = await fixture.CreateNamespaceAsync("helm-list");

        (await fixture.Helm.RunAsync("list", "-n", ns)).Succeeds()
            .PrintsHeader(@"^NAME\s+NAMESPACE\s+REVISION\s+UPDATED\s+STATUS\s+CHART\s+APP VERSION\s*$")
            .DoesNotPrintLine(ns);
    }
}
