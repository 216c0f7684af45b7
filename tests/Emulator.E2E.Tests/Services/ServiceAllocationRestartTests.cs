using System.Net;
using System.Text.Json.Nodes;
using Emulator.E2E.Tests.Harness;

namespace Emulator.E2E.Tests.Services;

/// <summary>
/// 50 parallel creates get distinct ClusterIPs and NodePorts; after a SIGKILL and a restart no value is handed out
/// twice and, once everything is deleted, every value can be requested again (no leak).
/// </summary>
[Collection(RestartCollection.Name)]
public sealed class ServiceAllocationRestartTests
{
    private const int Count = 50;

    [Fact]
    public async Task Parallel_creates_are_distinct_survive_a_sigkill_and_free_every_value_on_delete()
    {
        await using var emulator = await EmulatorProcess.StartAsync();
        var ns = Names.Namespace("svc-alloc");
        await emulator.Api.CreateNamespaceAsync(ns);
        var before = await CreateManyAsync(emulator, ns, "a");
        AssertDistinct(before);

        await emulator.KillAsync();
        await emulator.RestartAsync();

        // The restarted server knows every value is held: a request for one is refused, new ones avoid them all.
        var held = before[0];
        (await emulator.Api.PostAsync(ServicePaths.Services(ns), ServicePaths.NodePortService("dup", held.NodePort))).HasStatus((HttpStatusCode)422);
        (await emulator.Api.PostAsync(ServicePaths.Services(ns), ServicePaths.NodePortService("dupip", clusterIp: held.ClusterIp))).HasStatus((HttpStatusCode)422);
        var after = await CreateManyAsync(emulator, ns, "b");
        AssertDistinct([.. before, .. after]);

        await Task.WhenAll(before.Concat(after).Select(async s =>
            (await emulator.Api.DeleteAsync(ServicePaths.Service(ns, s.Name))).HasStatus(HttpStatusCode.OK)));
        await emulator.RestartAsync();
        foreach (var s in before)
            (await emulator.Api.PostAsync(ServicePaths.Services(ns), ServicePaths.NodePortService(s.Name, s.NodePort, s.ClusterIp)))
                .HasStatus(HttpStatusCode.Created);
        foreach (var s in after)
            (await emulator.Api.PostAsync(ServicePaths.Services(ns), ServicePaths.NodePortService(s.Name, s.NodePort, s.ClusterIp)))
                .HasStatus(HttpStatusCode.Created);
    }

    private sealed record Allocated(string Name, string ClusterIp, int NodePort);

    private static async Task<List<Allocated>> CreateManyAsync(EmulatorProcess emulator, string ns, string prefix)
    {
        var created = await Task.WhenAll(Enumerable.Range(0, Count).Select(async i =>
        {
            var response = (await emulator.Api.PostAsync(ServicePaths.Services(ns), ServicePaths.NodePortService($"{prefix}{i}")))
                .HasStatus(HttpStatusCode.Created);
            var spec = response.Json()["spec"]!;
            return new Allocated($"{prefix}{i}", spec["clusterIP"]!.GetValue<string>(), spec["ports"]![0]!["nodePort"]!.GetValue<int>());
        }));
        return [.. created];
    }

    private static void AssertDistinct(IReadOnlyList<Allocated> services)
    {
        Assert.Equal(services.Count, services.Select(s => s.ClusterIp).Distinct().Count());
        Assert.Equal(services.Count, services.Select(s => s.NodePort).Distinct().Count());
        Assert.DoesNotContain(services, s => s.ClusterIp is "127.96.0.1" or "127.96.0.10");
    }
}
