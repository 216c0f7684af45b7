using System.Net;
using Emulator.E2E.Tests.Harness;

namespace Emulator.E2E.Tests.Persistence;

/// <summary>
/// SIGKILL straight after acknowledged writes (a crash, an OOM kill) loses none of them: once the server answered,
/// the change is durable. The test owns its emulator, since it kills it.
/// </summary>
[Collection(RestartCollection.Name)]
public sealed class CrashRestartTests
{
    private const int Count = 20;

    [Fact]
    public async Task Acknowledged_creates_and_deletes_survive_a_sigkill_and_the_resourceVersion_sequence_continues()
    {
        await using var emulator = await EmulatorProcess.StartAsync();
        var ns = Names.Namespace("sigkill");
        await emulator.Api.CreateNamespaceAsync(ns);
        long highest = 0;
        for (var i = 0; i < Count; i++)
        {
            var created = await emulator.Api.CreateAsync(
                ApiPaths.ConfigMaps(ns), Manifests.ConfigMap($"cm-{i}", new Dictionary<string, string> { ["i"] = $"{i}" }));
            highest = Math.Max(highest, ResourceVersions.Of(created));
        }

        (await emulator.Api.DeleteAsync(ApiPaths.ConfigMap(ns, "cm-0"))).HasStatus(HttpStatusCode.OK);
        // Killed the moment the last answer arrived: whatever was acknowledged must already be durable.
        await emulator.KillAsync();
        await emulator.RestartAsync();

        var names = (await emulator.Kubectl.RunAsync("get", "cm", "-n", ns, "-o", "name")).Succeeds()
            .DoesNotPrintLine("^configmap/cm-0$");
        for (var i = 1; i < Count; i++)
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
}
