using System.Text.Json.Nodes;
using Emulator.E2E.Tests.Harness;
using Xunit.Sdk;
using static Emulator.E2E.Tests.FieldValidation.FieldValidationManifests;

namespace Emulator.E2E.Tests.FieldValidation;

/// <summary>
/// kubectl v1.35 sends <c>fieldValidation=Strict</c> by default (<c>--validate=strict</c>), <c>Warn</c> for
/// <c>--validate=warn</c> and <c>Ignore</c> for <c>--validate=false</c>, on create, client-side apply (create or
/// patch), replace and server-side apply. What it prints for each is what it prints against kube-apiserver v1.35.
/// </summary>
[Collection(SharedEmulatorCollection.Name)]
public sealed class KubectlFieldValidationTests(EmulatorFixture fixture)
{
    [Fact]
    public async Task Apply_of_a_typo_fails_with_the_strict_decoding_error_and_creates_nothing()
    {
        var ns = await fixture.CreateNamespaceAsync("fv-strict");

        var result = (await Kubectl(["apply", "-n", ns, "-f", "-"], TypoDeployment("web"))).FailsWith(1);

        Assert.Equal($"Error from server (BadRequest): error when creating \"STDIN\": Deployment in version \"v1\" cannot be handled as a Deployment: {StrictTypos}\n",
            result.Stderr);
        (await Kubectl(["get", "deployment", "web", "-n", ns])).FailsWith(1)
            .PrintsErrorLine("^Error from server \\(NotFound\\): deployments.apps \"web\" not found$");
    }

    [Fact]
    public async Task Apply_with_validate_warn_creates_prints_one_warning_per_field_and_stores_none_of_them()
    {
        var ns = await fixture.CreateNamespaceAsync("fv-warn");

        var result = (await Kubectl(["apply", "--validate=warn", "-n", ns, "-f", "-"], TypoDeployment("web"))).Succeeds()
            .PrintsExactly("deployment.apps/web created\n");

        Assert.Equal("Warning: unknown field \"spec.replicass\"\nWarning: unknown field \"spec.template.spec.containers[0].imagee\"\n", result.Stderr);
        var yaml = (await Kubectl(["get", "deployment", "web", "-n", ns, "-o", "yaml"])).Succeeds()
            .PrintsLine("^  replicas: 1$").PrintsLine("^      - image: nginx:1\\.27$");
        Assert.DoesNotContain(yaml.StdoutLines, l => l.TrimStart().StartsWith("replicass:", StringComparison.Ordinal));
        Assert.DoesNotContain(yaml.StdoutLines, l => l.TrimStart().StartsWith("imagee:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Apply_with_validate_false_creates_silently_and_drops_the_fields()
    {
        var ns = await fixture.CreateNamespaceAsync("fv-ignore");

        var result = (await Kubectl(["apply", "--validate=false", "-n", ns, "-f", "-"], TypoDeployment("web"))).Succeeds()
            .PrintsExactly("deployment.apps/web created\n");

        Assert.Equal("", result.Stderr);
        var spec = (await GetJsonAsync("deployment", "web", ns))["spec"]!;
        Assert.Null(spec["replicass"]);
        Assert.Null(spec["template"]?["spec"]?["containers"]?[0]?["imagee"]);
        Assert.Equal("nginx:1.27", (string?)spec["template"]?["spec"]?["containers"]?[0]?["image"]);
    }

    [Fact]
    public async Task Apply_over_an_existing_object_is_refused_as_an_invalid_patch()
    {
        var ns = await fixture.CreateNamespaceAsync("fv-patch");
        (await Kubectl(["apply", "--validate=false", "-n", ns, "-f", "-"], TypoDeployment("web"))).Succeeds();

        // The second apply sends a three-way strategic merge patch; patch.go quotes the patch as Go prints a map.
        var result = (await Kubectl(["apply", "-n", ns, "-f", "-"], TypoDeployment("web"))).FailsWith(1);

        result.PrintsErrorLine("^The request is invalid: patch: Invalid value: " +
            System.Text.RegularExpressions.Regex.Escape(
                "\"map[spec:map[replicass:2 template:map[spec:map[$setElementOrder/containers:[map[name:nginx]] containers:[map[imagee:nginx:1.28 name:nginx]]]]]]\": ")
            + System.Text.RegularExpressions.Regex.Escape(StrictTypos) + "$");
    }

    [Fact]
    public async Task Create_fails_with_the_strict_decoding_error()
    {
        var ns = await fixture.CreateNamespaceAsync("fv-create");

        var result = (await Kubectl(["create", "-n", ns, "-f", "-"], TypoDeployment("web"))).FailsWith(1);

        Assert.Equal($"Error from server (BadRequest): error when creating \"STDIN\": Deployment in version \"v1\" cannot be handled as a Deployment: {StrictTypos}\n",
            result.Stderr);
    }

    [Fact]
    public async Task Replace_fails_with_the_strict_decoding_error_and_keeps_the_object()
    {
        var ns = await fixture.CreateNamespaceAsync("fv-replace");
        (await Kubectl(["create", "--validate=false", "-n", ns, "-f", "-"], TypoDeployment("web"))).Succeeds();

        // The replacement also changes the image: refused as a whole, the stored image stays.
        var replacement = TypoDeployment("web").Replace("image: nginx:1.27", "image: nginx:1.29", StringComparison.Ordinal);
        var result = (await Kubectl(["replace", "-n", ns, "-f", "-"], replacement)).FailsWith(1);

        Assert.Equal($"Error from server (BadRequest): error when replacing \"STDIN\": Deployment in version \"v1\" cannot be handled as a Deployment: {StrictTypos}\n",
            result.Stderr);
        Assert.Equal("nginx:1.27", (string?)(await GetJsonAsync("deployment", "web", ns))["spec"]?["template"]?["spec"]?["containers"]?[0]?["image"]);
    }

    [Fact]
    public async Task Server_side_apply_refuses_fields_the_schema_does_not_declare()
    {
        var ns = await fixture.CreateNamespaceAsync("fv-ssa");

        var result = (await Kubectl(["apply", "--server-side", "-n", ns, "-f", "-"], TypoDeployment("web"))).FailsWith(1);

        Assert.Equal($"Error from server: failed to create typed patch object ({ns}/web; apps/v1, Kind=Deployment): errors:\n" +
            "  .spec.replicass: field not declared in schema\n" +
            "  .spec.template.spec.containers[name=\"nginx\"].imagee: field not declared in schema\n", result.Stderr);
        (await Kubectl(["get", "deployment", "web", "-n", ns])).FailsWith(1);
    }

    [Fact]
    public async Task A_service_with_a_leftover_replicas_field_is_refused()
    {
        var ns = await fixture.CreateNamespaceAsync("fv-svc");

        var result = (await Kubectl(["apply", "-n", ns, "-f", "-"], ServiceWithLeftoverReplicas("web"))).FailsWith(1);

        Assert.Equal("Error from server (BadRequest): error when creating \"STDIN\": Service in version \"v1\" cannot be handled as a Service: " +
            "strict decoding error: unknown field \"spec.replicas\"\n", result.Stderr);
        (await Kubectl(["apply", "--validate=warn", "-n", ns, "-f", "-"], ServiceWithLeftoverReplicas("web"))).Succeeds()
            .PrintsExactly("service/web created\n").PrintsErrorLine("^Warning: unknown field \"spec.replicas\"$");
        Assert.Null((await GetJsonAsync("service", "web", ns))["spec"]!["replicas"]);
    }

    private Task<CommandResult> Kubectl(string[] args, string? stdin = null) => fixture.Kubectl.RunAsync(args, stdin);

    private async Task<JsonNode> GetJsonAsync(string resource, string name, string ns)
    {
        var result = (await fixture.Kubectl.RunAsync("get", resource, name, "-n", ns, "-o", "json")).Succeeds();
        return JsonNode.Parse(result.Stdout) ?? throw new XunitException(result.Describe());
    }
}
