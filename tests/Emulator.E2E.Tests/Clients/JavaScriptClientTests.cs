using Emulator.E2E.Tests.Harness;

namespace Emulator.E2E.Tests.Clients;

/// <summary>The official JavaScript client (@kubernetes/client-node from npm) lists, creates, deletes and watches.</summary>
[Collection(SharedEmulatorCollection.Name)]
public sealed class JavaScriptClientTests(EmulatorFixture fixture)
{
    [Fact]
    public async Task Client_node_lists_creates_and_watches_through_the_kubeconfig()
    {
        var ns = await fixture.CreateNamespaceAsync("js-client");
        var package = Path.Combine(RepoPaths.Root, ".tools", "js-client", "node_modules", "@kubernetes", "client-node");
        Assert.True(Directory.Exists(package), $"@kubernetes/client-node is not installed in {package}: run ./test.sh (scripts/install-clients.sh)");
        var script = Path.Combine(RepoPaths.Root, "tests", "Emulator.E2E.Tests", "Clients", "js", "client-node-smoke.mjs");
        var command = new ToolCommand("node", [script, fixture.Emulator.KubeconfigPath, ns],
            new Dictionary<string, string?> { ["CLIENT_NODE"] = package });
        var result = await ProcessRunner.RunAsync(command, stdin: null, TimeSpan.FromSeconds(90), fixture.Emulator.RecentOutput);
        result.Succeeds()
            .PrintsLine(@"^namespaces: .*default,.*kube-system")
            .PrintsLine(@"^created: from-js uid=set$")
            .PrintsLine(@"^watched: ADDED from-js \| DELETED from-js$");
    }
}
