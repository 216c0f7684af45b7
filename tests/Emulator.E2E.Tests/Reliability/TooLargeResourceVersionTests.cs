using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Emulator.E2E.Tests.Harness;

namespace Emulator.E2E.Tests.Reliability;

/// <summary>
/// Reads that ask for "at least resourceVersion N" while the store is below N: the apiserver's watch cache waits
/// up to 3 s for N (waitUntilFreshAndBlock) and then answers 504 Timeout "Too large resource version" with the
/// ResourceVersionTooLarge cause and retryAfterSeconds 1; a plain watch from a future N is accepted and starts after N.
/// </summary>
[Collection(SharedEmulatorCollection.Name)]
public sealed class TooLargeResourceVersionTests(EmulatorFixture fixture)
{
    private const long Ahead = 1_000_000_000;

    [Theory]
    [InlineData("&resourceVersionMatch=NotOlderThan")]
    [InlineData("")]
    public async Task A_list_at_a_resourceVersion_the_store_never_reaches_answers_504_Too_large_resource_version(string match)
    {
        var ns = await fixture.CreateNamespaceAsync("toolarge");
        var current = await CurrentAsync(ns);
        var clock = Stopwatch.StartNew();
        var response = await fixture.Api.GetAsync($"{ApiPaths.ConfigMaps(ns)}?resourceVersion={current + Ahead}{match}");
        clock.Stop();

        var status = response.HasStatus(HttpStatusCode.GatewayTimeout).Json();
        AssertTooLarge(status, current + Ahead);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(2.5), $"Answered after {clock.Elapsed.TotalSeconds:F1} s without waiting for the store.");
    }

    [Fact]
    public async Task A_list_at_a_resourceVersion_reached_while_it_waits_is_served()
    {
        var ns = await fixture.CreateNamespaceAsync("fresh");
        var current = await CurrentAsync(ns);
        var list = fixture.Api.GetAsync($"{ApiPaths.ConfigMaps(ns)}?resourceVersion={current + 1}&resourceVersionMatch=NotOlderThan");
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        var created = await fixture.CreateConfigMapAsync(ns, "late", new Dictionary<string, string> { ["a"] = "b" });

        var body = (await list).HasStatus(HttpStatusCode.OK).Json();
        Assert.True(
            ResourceVersions.Parse((string?)body["metadata"]?["resourceVersion"], body.ToJsonString()) >= ResourceVersions.Of(created),
            $"A list asked for at least {current + 1} was served at an older state: {body}");
        Assert.Contains(((JsonArray)body["items"]!).Select(i => (string?)i!["metadata"]!["name"]), n => n == "late");
    }

    [Fact]
    public async Task A_watch_list_from_a_resourceVersion_the_store_never_reaches_ends_with_a_504_ERROR_event()
    {
        var ns = await fixture.CreateNamespaceAsync("toolargewatch");
        var current = await CurrentAsync(ns);
        await using var watch = await fixture.Api.WatchAsync(
            $"{ApiPaths.ConfigMaps(ns)}?watch=true&sendInitialEvents=true&allowWatchBookmarks=true&resourceVersionMatch=NotOlderThan&resourceVersion={current + Ahead}");
        Assert.Equal(HttpStatusCode.OK, watch.StatusCode);
        using var deadline = new CancellationTokenSource(Deadlines.Event);
        var e = await watch.ReadEventAsync(deadline.Token) ?? throw new Xunit.Sdk.XunitException("The watch ended without an event.");
        Assert.Equal("ERROR", (string?)e["type"]);
        AssertTooLarge((JsonObject)e["object"]!, current + Ahead);
        Assert.Null(await watch.ReadEventAsync(deadline.Token));
    }

    [Fact]
    public async Task A_watch_from_a_future_resourceVersion_is_accepted_and_sends_only_later_changes()
    {
        var ns = await fixture.CreateNamespaceAsync("futurewatch");
        var current = await CurrentAsync(ns);
        var from = current + 3;
        await using var watch = await fixture.Api.WatchAsync($"{ApiPaths.ConfigMaps(ns)}?watch=true&resourceVersion={from}");
        Assert.Equal(HttpStatusCode.OK, watch.StatusCode);
        var written = new List<(string Name, long Rv)>();
        for (var i = 0; i < 6; i++)
        {
            var created = await fixture.CreateConfigMapAsync(ns, $"cm-{i}", new Dictionary<string, string> { ["i"] = $"{i}" });
            written.Add(($"cm-{i}", ResourceVersions.Of(created)));
        }

        // Other tests write to the same server, so which of ours lie past `from` is read from their resourceVersions.
        var expected = written.Where(w => w.Rv > from).Select(w => w.Name).ToList();
        Assert.NotEmpty(expected);
        using var deadline = new CancellationTokenSource(Deadlines.Event);
        var seen = new List<string>();
        while (seen.Count < expected.Count && await watch.ReadEventAsync(deadline.Token) is { } e)
        {
            var obj = e["object"]!;
            Assert.True(ResourceVersions.Of(obj) > from, $"An event at or before the requested resourceVersion {from}: {e}");
            seen.Add((string)obj["metadata"]!["name"]!);
        }

        Assert.Equal(expected, seen);
    }

    private async Task<long> CurrentAsync(string ns)
    {
        var list = (await fixture.Api.GetAsync(ApiPaths.ConfigMaps(ns))).HasStatus(HttpStatusCode.OK).Json();
        return ResourceVersions.Parse((string?)list["metadata"]?["resourceVersion"], list.ToJsonString());
    }

    private static void AssertTooLarge(JsonObject status, long requested)
    {
        Assert.Equal("Status", (string?)status["kind"]);
        Assert.Equal("Failure", (string?)status["status"]);
        Assert.Equal(504, (int?)status["code"]);
        Assert.Equal("Timeout", (string?)status["reason"]);
        Assert.Matches($"^Timeout: Too large resource version: {requested}, current: [0-9]+$", (string?)status["message"]);
        Assert.Equal(1, (int?)status["details"]?["retryAfterSeconds"]);
        var cause = status["details"]?["causes"]?[0];
        Assert.Equal("ResourceVersionTooLarge", (string?)cause?["reason"]);
        Assert.Equal("Too large resource version", (string?)cause?["message"]);
    }
}
