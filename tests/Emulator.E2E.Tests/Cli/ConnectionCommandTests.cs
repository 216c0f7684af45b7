using System.Text.Json.Nodes;
using Emulator.E2E.Tests.Harness;
using Xunit.Sdk;

namespace Emulator.E2E.Tests.Cli;

/// <summary>The kubeconfig the server writes, and how kubectl authenticates with it.</summary>
[Collection(SharedEmulatorCollection.Name)]
public sealed class ConnectionCommandTests(EmulatorFixture fixture)
{
    [Fact]
    public async Task Kubeconfig_points_at_the_https_api_port_on_127_0_0_1()
    {
        (await fixture.Kubectl.RunAsync("config", "view", "--minify", "-o", "jsonpath={.clusters[0].cluster.server}")).Succeeds()
            .PrintsExactly($"https://127.0.0.1:{fixture.Emulator.Ports.Api}");
    }

    [Fact]
    public async Task Kubeconfig_carries_the_admin_token_and_the_embedded_ca()
    {
        (await fixture.Kubectl.RunAsync("config", "view", "--minify", "--raw", "-o", "jsonpath={.users[0].user.token}")).Succeeds()
            .PrintsExactly(fixture.Emulator.AdminToken);
        var ca = (await fixture.Kubectl.RunAsync(
            "config", "view", "--minify", "--raw", "-o", "jsonpath={.clusters[0].cluster.certificate-authority-data}")).Succeeds();
        Assert.Equal(File.ReadAllText(fixture.Emulator.CaPath).Trim(), System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(ca.Stdout)).Trim());
    }

    [Fact]
    public async Task Kubeconfig_selects_a_current_context()
    {
        (await fixture.Kubectl.RunAsync("config", "current-context")).Succeeds().PrintsLine(@"^\S+$");
    }

    [Fact]
    public async Task Kubectl_with_a_wrong_token_is_told_to_log_in()
    {
        (await fixture.Kubectl.RunAsync("get", "namespaces", "--token", "not-the-token")).FailsWith(1)
            .PrintsErrorLine(@"^error: You must be logged in to the server \(Unauthorized\)$");
    }

    [Fact]
    public async Task Get_raw_version_returns_the_1_35_version_info()
    {
        var result = (await fixture.Kubectl.RunAsync("get", "--raw", "/version")).Succeeds();

        var version = JsonNode.Parse(result.Stdout) ?? throw new XunitException(result.Describe());
        Assert.Equal("1", (string?)version["major"]);
        Assert.StartsWith("35", (string?)version["minor"]);
        Assert.StartsWith("v1.35", (string?)version["gitVersion"]);
    }

    [Fact]
    public async Task Get_raw_readyz_answers_ok()
    {
        (await fixture.Kubectl.RunAsync("get", "--raw", "/readyz")).Succeeds().PrintsExactly("ok");
    }

    [Fact]
    public async Task Cluster_info_names_the_control_plane_url()
    {
        (await fixture.Kubectl.RunAsync("cluster-info")).Succeeds()
            .PrintsLine($@"Kubernetes control plane.* is running at .*https://127\.0\.0\.1:{fixture.Emulator.Ports.Api}");
    }
}
