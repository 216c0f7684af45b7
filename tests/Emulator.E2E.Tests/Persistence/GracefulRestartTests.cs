using Emulator.E2E.Tests.Harness;

namespace Emulator.E2E.Tests.Persistence;

/// <summary>
/// A clean stop (SIGTERM, as Ctrl-C or a service manager sends) and a start on the same data dir lose nothing, and the
/// resourceVersion sequence carries on past where it was. The test owns its emulator, since it stops it.
/// </summary>
[Collection(RestartCollection.Name)]
public sealed class GracefulRestartTests
{
    [Fact]
    public async Task Sigterm_exits_0_and_a_restart_keeps_objects_and_later_writes_get_larger_resourceVersions()
    {
        await using var emulator = await EmulatorProcess.StartAsync();
        var ns = Names.Namespace("restart");
        await emulator.Api.CreateNamespaceAsync(ns);
        (await emulator.Kubectl.CreateFromManifestAsync(Manifests.ConfigMapYaml("c", "a", "b"), "-n", ns)).Succeeds();
        var before = await ResourceVersions.ReadAsync(emulator.Kubectl, ns, "cm/c");

        var exitCode = await emulator.StopAsync();
        Assert.True(exitCode == 0, $"SIGTERM ended the server with exit code {exitCode}.\n{emulator.RecentOutput()}");
        await emulator.RestartAsync();

        (await emulator.Kubectl.RunAsync("get", "ns", ns)).Succeeds().PrintsLine($@"^{ns}\s+Active\s+\S+$");
        (await emulator.Kubectl.RunAsync("get", "cm", "c", "-n", ns, "-o", "jsonpath={.data.a}")).Succeeds().PrintsExactly("b");
        Assert.Equal(before, await ResourceVersions.ReadAsync(emulator.Kubectl, ns, "cm/c"));

        (await emulator.Kubectl.RunAsync("label", "cm", "c", "-n", ns, "after=restart")).Succeeds();
        var after = await ResourceVersions.ReadAsync(emulator.Kubectl, ns, "cm/c");
        Assert.True(after > before, $"The first write after the restart got resourceVersion {after}, not above {before}.\n{emulator.RecentOutput()}");
    }
}
