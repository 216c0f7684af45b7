using System.Text.Json.Nodes;
using Emulator.E2E.Tests.Harness;
using Xunit.Sdk;

namespace Emulator.E2E.Tests.Apply;

/// <summary><c>kubectl apply --server-side</c>: create, update, conflicts between field managers and forcing them.</summary>
[Collection(SharedEmulatorCollection.Name)]
public sealed class ServerSideApplyTests(EmulatorFixture fixture)
{
    [Fact]
    public async Task Server_side_apply_creates_updates_and_records_the_manager()
    {
        var ns = await fixture.CreateNamespaceAsync("ssa");

        (await Apply(ns, ApplyManifests.Deployment("web", "nginx:1.27"))).Succeeds().PrintsExactly("deployment.apps/web serverside-applied\n");
        (await Apply(ns, ApplyManifests.Deployment("web", "nginx:1.28", replicas: 3))).Succeeds().PrintsExactly("deployment.apps/web serverside-applied\n");

        var deployment = await GetJsonAsync(ns, "web");
        Assert.Equal(3, (int?)deployment["spec"]?["replicas"]);
        Assert.Equal("nginx:1.28", (string?)deployment["spec"]?["template"]?["spec"]?["containers"]?[0]?["image"]);
        var entry = deployment["metadata"]?["managedFields"]?.AsArray().Single(e => (string?)e?["manager"] == "kubectl")
            ?? throw new XunitException($"no kubectl entry in {deployment}");
        Assert.Equal("Apply", (string?)entry["operation"]);
        Assert.NotNull(entry["fieldsV1"]?["f:spec"]?["f:replicas"]);
    }

    [Fact]
    public async Task A_second_manager_changing_an_owned_field_conflicts_until_forced()
    {
        var ns = await fixture.CreateNamespaceAsync("ssa-conflict");
        (await Apply(ns, ApplyManifests.Deployment("web", "nginx:1.27", replicas: 2))).Succeeds();

        (await Apply(ns, ApplyManifests.Deployment("web", "nginx:1.27", replicas: 5), "--field-manager=other")).FailsWith(1)
            .PrintsErrorLine("^error: Apply failed with 1 conflict: conflict with \"kubectl\" using apps/v1: \\.spec\\.replicas$");
        Assert.Equal(2, (int?)(await GetJsonAsync(ns, "web"))["spec"]?["replicas"]);

        (await Apply(ns, ApplyManifests.Deployment("web", "nginx:1.27", replicas: 5), "--field-manager=other", "--force-conflicts")).Succeeds()
            .PrintsExactly("deployment.apps/web serverside-applied\n");
        var deployment = await GetJsonAsync(ns, "web");
        Assert.Equal(5, (int?)deployment["spec"]?["replicas"]);
        var kubectlEntry = deployment["metadata"]?["managedFields"]?.AsArray().Single(e => (string?)e?["manager"] == "kubectl");
        Assert.Null(kubectlEntry?["fieldsV1"]?["f:spec"]?["f:replicas"]);
    }

    [Fact]
    public async Task Fields_a_manager_stops_applying_are_removed()
    {
        var ns = await fixture.CreateNamespaceAsync("ssa-remove");
        (await Apply(ns, ApplyManifests.Service("web", withHttps: true))).Succeeds();

        (await Apply(ns, ApplyManifests.Service("web", withHttps: false))).Succeeds();

        (await fixture.Kubectl.RunAsync("get", "service", "web", "-n", ns, "-o", "jsonpath={.spec.ports[*].name}")).Succeeds().PrintsExactly("http");
    }

    private Task<CommandResult> Apply(string ns, string manifest, params string[] extra) =>
        fixture.Kubectl.RunAsync(["apply", "--server-side", "-n", ns, "-f", "-", .. extra], manifest);

    private async Task<JsonNode> GetJsonAsync(string ns, string name)
    {
        var result = (await fixture.Kubectl.RunAsync("get", "deployment", name, "-n", ns, "-o", "json", "--show-managed-fields")).Succeeds();
        return JsonNode.Parse(result.Stdout) ?? throw new XunitException(result.Describe());
    }
}
