using System.Text.Json.Nodes;
using Emulator.E2E.Tests.Harness;
using Xunit.Sdk;

namespace Emulator.E2E.Tests.Cli;

/// <summary>One configmap, printed in every output format kubectl offers.</summary>
[Collection(SharedEmulatorCollection.Name)]
public sealed class ConfigMapOutputTests(EmulatorFixture fixture)
{
    private static readonly Dictionary<string, string> Data = new() { ["a"] = "b" };

    [Fact]
    public async Task Create_configmap_from_literal_prints_created_and_stores_the_data()
    {
        var ns = await fixture.CreateNamespaceAsync("cm-create");

        (await fixture.Kubectl.RunAsync("create", "configmap", "c", "--from-literal=a=b", "-n", ns)).Succeeds()
            .PrintsExactly("configmap/c created\n");

        (await fixture.Kubectl.RunAsync("get", "cm", "c", "-n", ns, "-o", "jsonpath={.data.a}")).Succeeds().PrintsExactly("b");
    }

    [Fact]
    public async Task Create_configmap_that_exists_fails_with_AlreadyExists()
    {
        var ns = await fixture.CreateNamespaceAsync("cm-exists");
        await fixture.CreateConfigMapAsync(ns, "c", Data);

        // The typed create subcommands wrap the server's message; kubectl 1.35 prints it this way against kube-apiserver.
        (await fixture.Kubectl.RunAsync("create", "configmap", "c", "--from-literal=a=b", "-n", ns)).FailsWith(1)
            .PrintsErrorLine("^error: failed to create configmap: configmaps \"c\" already exists$");
    }

    [Fact]
    public async Task Create_from_manifest_of_an_existing_configmap_fails_with_AlreadyExists()
    {
        var ns = await fixture.CreateNamespaceAsync("cm-exists-f");
        await fixture.CreateConfigMapAsync(ns, "c", Data);

        (await fixture.Kubectl.CreateFromManifestAsync(Manifests.ConfigMapYaml("c", "a", "b"), "-n", ns)).FailsWith(1)
            .PrintsErrorLine("^Error from server \\(AlreadyExists\\): error when creating \"STDIN\": configmaps \"c\" already exists$");
    }

    [Fact]
    public async Task Get_configmap_that_does_not_exist_fails_with_NotFound()
    {
        var ns = await fixture.CreateNamespaceAsync("cm-missing");

        (await fixture.Kubectl.RunAsync("get", "cm", "nope", "-n", ns)).FailsWith(1)
            .PrintsErrorLine("^Error from server \\(NotFound\\): configmaps \"nope\" not found$");
    }

    [Fact]
    public async Task Get_configmaps_prints_the_name_data_age_table()
    {
        var ns = await fixture.CreateNamespaceAsync("cm-table");
        await fixture.CreateConfigMapAsync(ns, "c", Data);

        (await fixture.Kubectl.RunAsync("get", "configmaps", "-n", ns)).Succeeds()
            .PrintsHeader(@"^NAME\s+DATA\s+AGE$")
            .PrintsLine(@"^c\s+1\s+\S+$");
    }

    [Fact]
    public async Task Get_in_an_empty_namespace_says_no_resources_found_on_stderr()
    {
        var ns = await fixture.CreateNamespaceAsync("empty");

        // Secrets, not configmaps: a namespace may hold a kube-root-ca.crt configmap, as on a real cluster.
        (await fixture.Kubectl.RunAsync("get", "secrets", "-n", ns)).Succeeds()
            .PrintsExactly("")
            .PrintsErrorLine($"^No resources found in {ns} namespace\\.$");
    }

    [Fact]
    public async Task Get_configmap_as_yaml_shows_the_data_and_the_server_set_metadata()
    {
        var ns = await fixture.CreateNamespaceAsync("cm-yaml");
        await fixture.CreateConfigMapAsync(ns, "c", Data);

        (await fixture.Kubectl.RunAsync("get", "cm", "c", "-n", ns, "-o", "yaml")).Succeeds()
            .PrintsLine("^apiVersion: v1$")
            .PrintsLine("^kind: ConfigMap$")
            .PrintsLine("^data:$")
            .PrintsLine("^  a: b$")
            .PrintsLine("^metadata:$")
            .PrintsLine("^  name: c$")
            .PrintsLine($"^  namespace: {ns}$")
            .PrintsLine("^  resourceVersion: \"[0-9]+\"$")
            .PrintsLine("^  uid: [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
            .PrintsLine("^  creationTimestamp: \"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z\"$");
    }

    [Fact]
    public async Task Get_configmap_as_json_returns_the_object()
    {
        var ns = await fixture.CreateNamespaceAsync("cm-json");
        await fixture.CreateConfigMapAsync(ns, "c", Data);

        var result = (await fixture.Kubectl.RunAsync("get", "cm", "c", "-n", ns, "-o", "json")).Succeeds();

        var json = JsonNode.Parse(result.Stdout) ?? throw new XunitException(result.Describe());
        Assert.Equal("v1", (string?)json["apiVersion"]);
        Assert.Equal("ConfigMap", (string?)json["kind"]);
        Assert.Equal("c", (string?)json["metadata"]?["name"]);
        Assert.Equal(ns, (string?)json["metadata"]?["namespace"]);
        Assert.Equal("b", (string?)json["data"]?["a"]);
    }

    [Theory]
    [InlineData("jsonpath={.data.a}", "b")]
    [InlineData("jsonpath={.metadata.name}/{.kind}", "c/ConfigMap")]
    [InlineData("go-template={{.data.a}}", "b")]
    [InlineData("go-template={{.metadata.name}} {{.apiVersion}}", "c v1")]
    [InlineData("name", "configmap/c\n")]
    public async Task Get_configmap_with_template_output_prints_exactly_the_selected_fields(string output, string expected)
    {
        var ns = await fixture.CreateNamespaceAsync("cm-template");
        await fixture.CreateConfigMapAsync(ns, "c", Data);

        (await fixture.Kubectl.RunAsync("get", "cm", "c", "-n", ns, "-o", output)).Succeeds().PrintsExactly(expected);
    }

    [Fact]
    public async Task Get_configmap_with_custom_columns_prints_the_chosen_columns()
    {
        var ns = await fixture.CreateNamespaceAsync("cm-columns");
        await fixture.CreateConfigMapAsync(ns, "c", Data);

        (await fixture.Kubectl.RunAsync("get", "cm", "c", "-n", ns, "-o", "custom-columns=NAME:.metadata.name,A:.data.a")).Succeeds()
            .PrintsHeader(@"^NAME\s+A$")
            .PrintsLine(@"^c\s+b$");
    }

    [Fact]
    public async Task Describe_configmap_prints_name_namespace_labels_annotations_and_data()
    {
        var ns = await fixture.CreateNamespaceAsync("cm-describe");
        await fixture.CreateConfigMapAsync(ns, "c", Data);

        (await fixture.Kubectl.RunAsync("describe", "configmap", "c", "-n", ns)).Succeeds()
            .PrintsLine(@"^Name:\s+c$")
            .PrintsLine($@"^Namespace:\s+{ns}$")
            .PrintsLine(@"^Labels:\s+<none>$")
            .PrintsLine(@"^Annotations:\s+<none>$")
            .PrintsLine("^Data$")
            .PrintsLine("^====$")
            .PrintsLine("^a:$")
            .PrintsLine("^----$")
            .PrintsLine("^b$");
    }
}
