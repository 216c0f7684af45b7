using System.Net;
using Emulator.E2E.Tests.Harness;

namespace Emulator.E2E.Tests.Persistence;

/// <summary>
/// State lives in the data dir: a clean stop, or a SIGKILL straight after acknowledged writes, loses nothing, and the
/// resourceVersion sequence carries on past where it was. Each test owns its emulator, since it stops it.
/// </summary>
public sealed class RestartTests
{
    [Fact]
    public async Task Sigterm_stops_the_server_with_exit_code_0()
    {
        await using var emulator = await EmulatorProcess.StartAsync();

        var exitCode = await emulator.StopAsync();

        Assert.True(exitCode == 0, $"SIGTERM ended the server with exit code {exitCode}.\n{emulator.RecentOutput()}");
    }

    [Fact]
    public async Task Objects_survive_a_graceful_restart_and_later_writes_get_larger_resourceVersions()
    {
        await using var emulator = await EmulatorProcess.StartAsync();
        var ns = Names.Namespace("restart");
        await emulator.Api.CreateNamespaceAsync(ns);
        (await emulator.Kubectl.CreateFromManifestAsync(Manifests.ConfigMapYaml("c", "a", "b"), "-n", ns)).Succeeds();
        var before = await ResourceVersions.ReadAsync(emulator.Kubectl, ns, "cm/c");

        await emulator.StopAsync();
        await emulator.RestartAsync();

        (await emulator.Kubectl.RunAsync("get", "ns", ns)).Succeeds().PrintsLine($@"^{ns}\s+Active\s+\S+$");
        (await emulator.Kubectl.RunAsync("get", "cm", "c", "-n", ns, "-o", "jsonpath={.data.a}")).Succeeds().PrintsExactly("b");
        Assert.Equal(before, await ResourceVersions.ReadAsync(emulator.Kubectl, ns, "cm/c"));

        (await emulator.Kubectl.RunAsync("label", "cm", "c", "-n", ns, "after=restart")).Succeeds();
        var after = await ResourceVersions.ReadAsync(emulator.Kubectl, ns, "cm/c");
        Assert.True(after > before, $"The first write after the restart got resourceVersion {after}, not above {before}.\n{emulator.RecentOutput()}");
    }

    [Fact]
    public async Task Acknowledged_writes_survive_a_sigkill_and_the_resourceVersion_sequence_continues()
    {
        const int count = 20;
        await using var emulator = await EmulatorProcess.StartAsync();
        var ns = Names.Namespace("sigkill");
        await emulator.Api.CreateNamespaceAsync(ns);
        long highest = 0;
        for (var i = 0; i < count; i++)
        {
            var created = await emulator.Api.CreateAsync(
                ApiPaths.ConfigMaps(ns), Manifests.ConfigMap($"cm-{i}", new Dictionary<string, string> { ["i"] = $"{i}" }));
            highest = Math.Max(highest, ResourceVersions.Of(created));
        }

        // Killed the moment the last 201 arrived: whatever was acknowledged must already be durable.
        await emulator.KillAsync();
        await emulator.RestartAsync();

        var names = (await emulator.Kubectl.RunAsync("get", "cm", "-n", ns, "-o", "name")).Succeeds();
        for (var i = 0; i < count; i++)
        {
            names.PrintsLine($"^configmap/cm-{i}$");
        }

        (await emulator.Kubectl.RunAsync("get", "cm", "cm-7", "-n", ns, "-o", "jsonpath={.data.i}")).Succeeds().PrintsExactly("7");
        var next = await emulator.Api.CreateAsync(
            ApiPaths.ConfigMaps(ns), Manifests.ConfigMap("after-kill", new Dictionary<string, string> { ["a"] = "b" }));
        Assert.True(
            ResourceVersions.Of(next) > highest,
            $"The first write after SIGKILL got resourceVersion {ResourceVersions.Of(next)}, not above {highest}.\n{emulator.RecentOutput()}");
    }

    [Fact]
    public async Task A_deletion_survives_a_sigkill()
    {
        await using var emulator = await EmulatorProcess.StartAsync();
        var ns = Names.Namespace("sigkill-delete");
        await emulator.Api.CreateNamespaceAsync(ns);
        await emulator.Api.CreateAsync(ApiPaths.ConfigMaps(ns), Manifests.ConfigMap("gone", new Dictionary<string, string> { ["a"] = "b" }));
        (await emulator.Api.DeleteAsync(ApiPaths.ConfigMap(ns, "gone"))).HasStatus(HttpStatusCode.OK);

        await emulator.KillAsync();
        await emulator.RestartAsync();

        (await emulator.Kubectl.RunAsync("get", "cm", "gone", "-n", ns)).FailsWith(1)
            .PrintsErrorLine("^Error from server \\(NotFound\\): configmaps \"gone\" not found$");
    }

    [Fact]
    public async Task A_fresh_data_dir_starts_with_the_four_system_namespaces_and_a_working_kubeconfig()
    {
        await using var emulator = await EmulatorProcess.StartAsync(new EmulatorOptions { Nodes = 1 });

        var result = (await emulator.Kubectl.RunAsync("get", "ns", "-o", "name")).Succeeds();

        foreach (var ns in new[] { "default", "kube-system", "kube-public", "kube-node-lease" })
        {
            result.PrintsLine($"^namespace/{ns}$");
        }
    }
}
