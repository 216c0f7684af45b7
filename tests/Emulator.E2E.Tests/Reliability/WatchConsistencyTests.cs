using System.Net;
using System.Text.Json.Nodes;
using Emulator.E2E.Tests.Harness;
using Xunit.Abstractions;

namespace Emulator.E2E.Tests.Reliability;

/// <summary>
/// A watcher that lists at N, watches from N and folds every event over the list ends with exactly the final list,
/// across random concurrent writes, a SIGKILL and restart (resumed from its last seen resourceVersion), and a 410
/// Expired (re-list and resume) when the change window is made small enough to lose the watcher's position.
/// </summary>
[Collection(RestartCollection.Name)]
public sealed class WatchConsistencyTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Converge = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Events_folded_over_the_initial_list_equal_the_final_list_across_a_sigkill_and_restart()
    {
        await using var emulator = await EmulatorProcess.StartAsync(new EmulatorOptions { Nodes = 1 });
        var ns = Names.Namespace("watchfold");
        await emulator.Api.CreateNamespaceAsync(ns);
        var writer = new RandomConfigMapWriter(emulator, ns, names: 15, seed: 7);
        await writer.RunAsync(operations: 40, clients: 3); // some state before the list

        await using var reflector = new Reflector(emulator, ApiPaths.ConfigMaps(ns));
        await reflector.StartAsync();
        var listedAt = reflector.ResourceVersion;
        var before = writer.Acknowledged.Count;
        await writer.RunAsync(operations: 150, clients: 4);
        await emulator.KillAsync();
        await emulator.RestartAsync();
        await writer.RunAsync(operations: 150, clients: 4);

        var final = await ListAsync(emulator, ns);
        await reflector.ConvergesToAsync(final, Converge);

        // No re-list was needed (the default window holds every change), so every acknowledged create and update
        // after the list must have arrived as its own event, exactly once and in resourceVersion order.
        Assert.Equal(1, reflector.Relists);
        var events = reflector.Events();
        Assert.True(events.Select(e => e.Rv).SequenceEqual(events.Select(e => e.Rv).Order()), "Events out of resourceVersion order.");
        var seen = events.Select(e => e.Rv).ToHashSet();
        var writes = writer.Acknowledged.Where(w => w.Verb != "delete" && w.Rv > listedAt).ToList();
        var missing = writes.Where(w => !seen.Contains(w.Rv)).ToList();
        Assert.True(missing.Count == 0, $"Acknowledged writes never seen by the watch: {string.Join(", ", missing.Take(10))}");
        Assert.Equal(events.Count, events.Select(e => e.Rv).Distinct().Count());
        Assert.True(reflector.Resumes >= 1, "The watch was never resumed although the server was killed.");
        output.WriteLine(
            $"watch consistency: {events.Count} events checked ({writes.Count} acknowledged writes after the list of {before} earlier), " +
            $"{reflector.Resumes} resume(s) from the last seen resourceVersion (SIGKILL + restart), {reflector.Relists} list(s), final state {final.Count} objects equal");
    }

    [Fact]
    public async Task After_410_Expired_the_relist_and_resume_path_still_converges_to_the_final_list()
    {
        // A window of 25 changes: a watcher that was away for more than that must be told 410 and re-list.
        await using var emulator = await EmulatorProcess.StartAsync(new EmulatorOptions { Nodes = 1, ExtraArguments = ["--watch-cache-size", "25"] });
        var ns = Names.Namespace("watch410");
        await emulator.Api.CreateNamespaceAsync(ns);
        var writer = new RandomConfigMapWriter(emulator, ns, names: 10, seed: 11);
        await writer.RunAsync(operations: 30, clients: 2);

        // A resourceVersion from before 100 more changes is out of the window: 410 with the apiserver's wording.
        var old = (await emulator.Api.GetAsync(ApiPaths.ConfigMaps(ns))).HasStatus(HttpStatusCode.OK).Json();
        var oldRv = ResourceVersions.Parse((string?)old["metadata"]?["resourceVersion"], old.ToJsonString());
        await writer.RunAsync(operations: 100, clients: 3);
        await using (var stale = await emulator.Api.WatchAsync($"{ApiPaths.ConfigMaps(ns)}?watch=true&resourceVersion={oldRv}"))
        {
            using var cts = new CancellationTokenSource(Deadlines.Event);
            var e = await stale.ReadEventAsync(cts.Token);
            Assert.Equal("ERROR", (string?)e?["type"]);
            Assert.Equal(410, (int?)e!["object"]!["code"]);
            Assert.Equal("Expired", (string?)e["object"]!["reason"]);
            Assert.StartsWith($"too old resource version: {oldRv} (", (string?)e["object"]!["message"]);
        }

        // A watcher that goes offline while more than the window is written comes back to 410, re-lists and
        // resumes; a restart later makes it resume once more from its last position.
        await using var reflector = new Reflector(emulator, ApiPaths.ConfigMaps(ns));
        await reflector.StartAsync();
        await writer.RunAsync(operations: 30, clients: 2);
        reflector.Pause();
        await writer.RunAsync(operations: 100, clients: 3);
        reflector.Resume();
        await writer.RunAsync(operations: 60, clients: 3);
        await emulator.StopAsync();
        await emulator.RestartAsync();
        await writer.RunAsync(operations: 60, clients: 3);

        var final = await ListAsync(emulator, ns);
        await reflector.ConvergesToAsync(final, Converge);
        Assert.True(reflector.ExpiredAnswers >= 1, "The watcher resumed after 100 changes in a 25-change window without a 410.");
        Assert.True(reflector.Relists >= 2, $"The watcher never re-listed after 410 ({reflector.Relists} list).");
        output.WriteLine(
            $"watch 410 path: stale watch from {oldRv} answered 410 Expired; reflector {reflector.EventsChecked} events checked, " +
            $"{reflector.ExpiredAnswers} 410 answer(s), {reflector.Relists} list(s), {reflector.Resumes} resume(s), final {final.Count} objects equal");
    }

    private static async Task<IReadOnlyDictionary<string, long>> ListAsync(EmulatorProcess emulator, string ns)
    {
        var list = (await emulator.Api.GetAsync(ApiPaths.ConfigMaps(ns))).HasStatus(HttpStatusCode.OK).Json();
        return ((JsonArray)list["items"]!).ToDictionary(i => (string)i!["metadata"]!["name"]!, i => ResourceVersions.Of(i!));
    }
}
