using System.Text.Json.Nodes;
using Emulator.E2E.Tests.Harness;
using Xunit.Sdk;

namespace Emulator.E2E.Tests.Apply;

/// <summary>
/// Client-side <c>kubectl apply</c> (POST, then three-way strategic merge patches with the last-applied annotation),
/// <c>kubectl diff</c> and unknown-field validation, with the real kubectl.
/// </summary>
[Collection(SharedEmulatorCollection.Name)]
public sealed class ClientSideApplyTests(EmulatorFixture fixture)
{
    [Fact]
    public async Task Apply_creates_then_is_unchanged_then_configures_exactly_the_intended_lists()
    {
        var ns = await fixture.CreateNamespaceAsync("apply");

        (await Apply(ns, ApplyManifests.App("web", "nginx:1.27", withHttps: true))).Succeeds()
            .PrintsExactly("deployment.apps/web created\nservice/web created\nconfigmap/web created\n");
        (await Apply(ns, ApplyManifests.App("web", "nginx:1.27", withHttps: true))).Succeeds()
            .PrintsExactly("deployment.apps/web unchanged\nservice/web unchanged\nconfigmap/web unchanged\n");
        (await Apply(ns, ApplyManifests.App("web", "nginx:1.28", withHttps: false))).Succeeds()
            .PrintsExactly("deployment.apps/web configured\nservice/web configured\nconfigmap/web unchanged\n");

        var service = await GetJsonAsync("service", "web", ns);
        var ports = service["spec"]?["ports"]?.AsArray() ?? throw new XunitException($"no ports in {service}");
        Assert.Equal("""[{"name":"http","port":80,"protocol":"TCP","targetPort":8080}]""", ports.ToJsonString());
        var deployment = await GetJsonAsync("deployment", "web", ns);
        var containers = deployment["spec"]?["template"]?["spec"]?["containers"]?.AsArray() ?? throw new XunitException($"no containers in {deployment}");
        Assert.Single(containers);
        Assert.Equal("nginx:1.28", (string?)containers[0]?["image"]);
        Assert.Equal("web", (string?)containers[0]?["name"]);
        Assert.DoesNotContain("$patch", deployment.ToJsonString());
        Assert.DoesNotContain("$setElementOrder", deployment.ToJsonString());
        Assert.Equal(2, (long?)deployment["metadata"]?["generation"]);
    }

    [Fact]
    public async Task Diff_shows_the_image_change_a_new_apply_would_make()
    {
        var ns = await fixture.CreateNamespaceAsync("diff");
        (await Apply(ns, ApplyManifests.Deployment("web", "nginx:1.27"))).Succeeds();

        var diff = await fixture.Kubectl.RunAsync(["diff", "-n", ns, "-f", "-"], ApplyManifests.Deployment("web", "nginx:1.29"));

        diff.FailsWith(1).PrintsLine(@"^-\s+- image: nginx:1\.27$").PrintsLine(@"^\+\s+- image: nginx:1\.29$");
        Assert.Equal("nginx:1.27", (string?)(await GetJsonAsync("deployment", "web", ns))["spec"]?["template"]?["spec"]?["containers"]?[0]?["image"]);
    }

    [Fact]
    public async Task Apply_with_an_unknown_field_fails_with_the_strict_decoding_error()
    {
        var ns = await fixture.CreateNamespaceAsync("apply-strict");
        var manifest = ApplyManifests.Deployment("web", "nginx:1.27", extraSpec: "\n  foo: bar");

        (await Apply(ns, manifest)).FailsWith(1).PrintsErrorLine(
            "^Error from server \\(BadRequest\\): error when creating \"STDIN\": Deployment in version \"v1\" cannot be handled as a Deployment: strict decoding error: unknown field \"spec.foo\"$");
        (await fixture.Kubectl.RunAsync("get", "deployment", "web", "-n", ns)).FailsWith(1);
    }

    [Fact]
    public async Task Apply_with_validate_warn_applies_and_prints_the_warning()
    {
        var ns = await fixture.CreateNamespaceAsync("apply-warn");
        var manifest = ApplyManifests.Deployment("web", "nginx:1.27", extraSpec: "\n  foo: bar");

        (await fixture.Kubectl.RunAsync(["apply", "--validate=warn", "-n", ns, "-f", "-"], manifest)).Succeeds()
            .PrintsExactly("deployment.apps/web created\n")
            .PrintsErrorLine("^Warning: unknown field \"spec.foo\"$");
    }

    private Task<CommandResult> Apply(string ns, string manifest) => fixture.Kubectl.RunAsync(["apply", "-n", ns, "-f", "-"], manifest);

    private async Task<JsonNode> GetJsonAsync(string resource, string name, string ns)
    {
        var result = (await fixture.Kubectl.RunAsync("get", resource, name, "-n", ns, "-o", "json")).Succeeds();
        return JsonNode.Parse(result.Stdout) ?? throw new XunitException(result.Describe());
    }
}
