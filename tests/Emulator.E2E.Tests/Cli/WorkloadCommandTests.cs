using System.Text.Json.Nodes;
using Emulator.E2E.Tests.Harness;
using Xunit.Sdk;

namespace Emulator.E2E.Tests.Cli;

/// <summary>Pods, Services and Deployments created from manifests with <c>kubectl create -f -</c> (JSON on the wire, no OpenAPI).</summary>
[Collection(SharedEmulatorCollection.Name)]
public sealed class WorkloadCommandTests(EmulatorFixture fixture)
{
    [Fact]
    public async Task Get_pods_all_namespaces_prints_the_pod_header_and_the_pod()
    {
        var ns = await fixture.CreateNamespaceAsync("pods");

        (await fixture.Kubectl.CreateFromManifestAsync(Manifests.PodYaml("web"), "-n", ns)).Succeeds().PrintsExactly("pod/web created\n");

        (await fixture.Kubectl.RunAsync("get", "pods", "-A")).Succeeds()
            .PrintsHeader(@"^NAMESPACE\s+NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$")
            .PrintsLine($@"^{ns}\s+web\s+[0-9]+/1\s+\S+\s+[0-9]+\s+\S+$");
        (await fixture.Kubectl.RunAsync("get", "pods", "-n", ns)).Succeeds()
            .PrintsHeader(@"^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$")
            .PrintsLine(@"^web\s+[0-9]+/1\s+\S+\s+[0-9]+\s+\S+$");
    }

    [Fact]
    public async Task Get_pods_wide_adds_ip_node_nominated_node_and_readiness_gates_columns()
    {
        var ns = await fixture.CreateNamespaceAsync("pods-wide");
        (await fixture.Kubectl.CreateFromManifestAsync(Manifests.PodYaml("web"), "-n", ns)).Succeeds();

        (await fixture.Kubectl.RunAsync("get", "pods", "-n", ns, "-o", "wide")).Succeeds()
            .PrintsHeader(@"^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES$");
    }

    [Fact]
    public async Task Create_service_from_manifest_keeps_every_field_sent()
    {
        var ns = await fixture.CreateNamespaceAsync("svc");

        (await fixture.Kubectl.CreateFromManifestAsync(Manifests.ServiceYaml("web"), "-n", ns)).Succeeds().PrintsExactly("service/web created\n");

        var service = await GetJsonAsync("svc", "web", ns);
        Assert.Equal("Service", (string?)service["kind"]);
        Assert.Equal("web", (string?)service["metadata"]?["labels"]?["app"]);
        Assert.Equal("e2e", (string?)service["metadata"]?["labels"]?["tier"]);
        Assert.Equal("web", (string?)service["spec"]?["selector"]?["app"]);
        var port = service["spec"]?["ports"]?[0] ?? throw new XunitException($"No spec.ports[0] in {service}");
        Assert.Equal("http", (string?)port["name"]);
        Assert.Equal(8888, (int?)port["port"]);
        Assert.Equal(8888, (int?)port["targetPort"]);
        Assert.Equal("TCP", (string?)port["protocol"]);
    }

    [Fact]
    public async Task Create_deployment_from_manifest_keeps_every_field_sent()
    {
        var ns = await fixture.CreateNamespaceAsync("deploy");

        (await fixture.Kubectl.CreateFromManifestAsync(Manifests.DeploymentYaml("web"), "-n", ns)).Succeeds()
            .PrintsExactly("deployment.apps/web created\n");

        var deployment = await GetJsonAsync("deployment", "web", ns);
        Assert.Equal("apps/v1", (string?)deployment["apiVersion"]);
        Assert.Equal("Deployment", (string?)deployment["kind"]);
        Assert.Equal(2, (int?)deployment["spec"]?["replicas"]);
        Assert.Equal("web", (string?)deployment["spec"]?["selector"]?["matchLabels"]?["app"]);
        Assert.Equal("web", (string?)deployment["spec"]?["template"]?["metadata"]?["labels"]?["app"]);
        var container = deployment["spec"]?["template"]?["spec"]?["containers"]?[0] ?? throw new XunitException($"No container in {deployment}");
        Assert.Equal("web", (string?)container["name"]);
        Assert.Equal("nginx:1.27", (string?)container["image"]);
        Assert.Equal(80, (int?)container["ports"]?[0]?["containerPort"]);
        Assert.Equal(1, (long?)deployment["metadata"]?["generation"]);
    }

    [Fact]
    public async Task Get_all_lists_the_pod_service_and_deployment_of_a_namespace()
    {
        var ns = await fixture.CreateNamespaceAsync("all");
        (await fixture.Kubectl.CreateFromManifestAsync(Manifests.PodYaml("solo"), "-n", ns)).Succeeds();
        (await fixture.Kubectl.CreateFromManifestAsync(Manifests.ServiceYaml("web"), "-n", ns)).Succeeds();
        (await fixture.Kubectl.CreateFromManifestAsync(Manifests.DeploymentYaml("web"), "-n", ns)).Succeeds();

        (await fixture.Kubectl.RunAsync("get", "all", "-n", ns)).Succeeds()
            .PrintsLine(@"^pod/solo\s")
            .PrintsLine(@"^service/web\s")
            .PrintsLine(@"^deployment\.apps/web\s");
        (await fixture.Kubectl.RunAsync("get", "all", "-A")).Succeeds()
            .PrintsLine($@"^{ns}\s+pod/solo\s")
            .PrintsLine($@"^{ns}\s+service/web\s")
            .PrintsLine($@"^{ns}\s+deployment\.apps/web\s");
    }

    private async Task<JsonNode> GetJsonAsync(string resource, string name, string ns)
    {
        var result = (await fixture.Kubectl.RunAsync("get", resource, name, "-n", ns, "-o", "json")).Succeeds();
        return JsonNode.Parse(result.Stdout) ?? throw new XunitException(result.Describe());
    }
}
