using Emulator.E2E.Tests.Harness;

namespace Emulator.E2E.Tests.Cli;

/// <summary>What kubectl learns from discovery (/api, /apis) and /version.</summary>
[Collection(SharedEmulatorCollection.Name)]
public sealed class DiscoveryCommandTests(EmulatorFixture fixture)
{
    [Theory]
    [InlineData(@"^pods\s+po\s+v1\s+true\s+Pod$")]
    [InlineData(@"^services\s+svc\s+v1\s+true\s+Service$")]
    [InlineData(@"^configmaps\s+cm\s+v1\s+true\s+ConfigMap$")]
    [InlineData(@"^secrets\s+v1\s+true\s+Secret$")]
    [InlineData(@"^endpoints\s+ep\s+v1\s+true\s+Endpoints$")]
    [InlineData(@"^namespaces\s+ns\s+v1\s+false\s+Namespace$")]
    [InlineData(@"^nodes\s+no\s+v1\s+false\s+Node$")]
    [InlineData(@"^events\s+ev\s+v1\s+true\s+Event$")]
    [InlineData(@"^deployments\s+deploy\s+apps/v1\s+true\s+Deployment$")]
    [InlineData(@"^replicasets\s+rs\s+apps/v1\s+true\s+ReplicaSet$")]
    [InlineData(@"^endpointslices\s+discovery\.k8s\.io/v1\s+true\s+EndpointSlice$")]
    [InlineData(@"^leases\s+coordination\.k8s\.io/v1\s+true\s+Lease$")]
    public async Task Api_resources_lists_the_resource_with_its_short_names_version_scope_and_kind(string line)
    {
        (await fixture.Kubectl.RunAsync("api-resources")).Succeeds()
            .PrintsHeader(@"^NAME\s+SHORTNAMES\s+APIVERSION\s+NAMESPACED\s+KIND$")
            .PrintsLine(line);
    }

    [Theory]
    [InlineData("v1")]
    [InlineData("apps/v1")]
    [InlineData("discovery.k8s.io/v1")]
    [InlineData("coordination.k8s.io/v1")]
    public async Task Api_versions_includes_the_group_version(string groupVersion)
    {
        (await fixture.Kubectl.RunAsync("api-versions")).Succeeds().PrintsLine($"^{groupVersion.Replace(".", "\\.", StringComparison.Ordinal)}$");
    }

    [Fact]
    public async Task Version_prints_a_1_35_server_version()
    {
        (await fixture.Kubectl.RunAsync("version")).Succeeds()
            .PrintsLine(@"^Client Version: v1\.35\.2$")
            .PrintsLine(@"^Server Version: v1\.35(\.[0-9]+)?(\S*)$");
    }

    [Fact]
    public async Task Get_an_unknown_resource_type_fails_with_doesnt_have_a_resource_type()
    {
        // "endpoint" is no short name or singular of endpoints (kubectl-wire.md §3), so kubectl must not resolve it.
        (await fixture.Kubectl.RunAsync("get", "endpoint")).FailsWith(1)
            .PrintsErrorLine("^error: the server doesn't have a resource type \"endpoint\"$");
    }

    [Theory]
    [InlineData("po")]
    [InlineData("pod")]
    [InlineData("pods")]
    [InlineData("svc")]
    [InlineData("deploy")]
    [InlineData("deployments.apps")]
    public async Task Get_resolves_short_singular_and_group_qualified_names(string resource)
    {
        var ns = await fixture.CreateNamespaceAsync("names");

        (await fixture.Kubectl.RunAsync("get", resource, "-n", ns)).Succeeds()
            .PrintsErrorLine($"^No resources found in {ns} namespace\\.$");
    }
}
