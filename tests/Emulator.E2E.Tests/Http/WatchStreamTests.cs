using System.Net;
using System.Text.Json.Nodes;
using Emulator.E2E.Tests.Harness;
using Xunit.Sdk;

namespace Emulator.E2E.Tests.Http;

/// <summary>The watch wire format (kubectl-wire.md §2.6), checked on the raw stream so a framing bug names itself.</summary>
[Collection(SharedEmulatorCollection.Name)]
public sealed class WatchStreamTests(EmulatorFixture fixture)
{
    private static readonly Dictionary<string, string> Data = new() { ["a"] = "b" };

    [Fact]
    public async Task A_watch_from_the_list_resourceVersion_streams_each_later_change_as_soon_as_it_happens()
    {
        var ns = await fixture.CreateNamespaceAsync("raw-watch");
        var list = (await fixture.Api.GetAsync(ApiPaths.ConfigMaps(ns))).HasStatus(HttpStatusCode.OK).Json();
        var listVersion = (string?)list["metadata"]?["resourceVersion"]
            ?? throw new XunitException($"The list has no metadata.resourceVersion to watch from: {list}");

        await using var watch = await fixture.Api.WatchAsync($"{ApiPaths.ConfigMaps(ns)}?watch=true&resourceVersion={listVersion}");
        Assert.Equal(HttpStatusCode.OK, watch.StatusCode);
        Assert.Equal("application/json;stream=watch", watch.ContentType?.Replace(" ", "", StringComparison.Ordinal));
        await fixture.CreateConfigMapAsync(ns, "c", Data);

        var added = await NextEventAsync(watch, name: "c");
        Assert.Equal("ADDED", (string?)added["type"]);
        Assert.Equal("b", (string?)added["object"]?["data"]?["a"]);
    }

    [Fact]
    public async Task A_watch_list_request_sends_the_current_objects_then_the_initial_events_end_bookmark()
    {
        var ns = await fixture.CreateNamespaceAsync("watch-list");
        await fixture.CreateConfigMapAsync(ns, "c", Data);

        // The request kubectl wait, rollout status and helm --wait send (kubectl-wire.md §2.6, shape 3).
        await using var watch = await fixture.Api.WatchAsync(
            $"{ApiPaths.ConfigMaps(ns)}?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true" +
            "&fieldSelector=metadata.name%3Dc");
        Assert.Equal(HttpStatusCode.OK, watch.StatusCode);

        var added = await NextEventAsync(watch, name: "c");
        Assert.Equal("ADDED", (string?)added["type"]);
        var bookmark = await NextEventAsync(watch, name: null);
        Assert.Equal("BOOKMARK", (string?)bookmark["type"]);
        Assert.Equal("true", (string?)bookmark["object"]?["metadata"]?["annotations"]?["k8s.io/initial-events-end"]);
        Assert.Equal("ConfigMap", (string?)bookmark["object"]?["kind"]);
    }

    /// <summary>The next event about <paramref name="name"/> (or any next event when null), within the event deadline.</summary>
    private static async Task<JsonObject> NextEventAsync(WatchStream watch, string? name)
    {
        using var deadline = new CancellationTokenSource(Deadlines.Event);
        try
        {
            while (await watch.ReadEventAsync(deadline.Token) is { } e)
            {
                if (name is null || (string?)e["object"]?["metadata"]?["name"] == name)
                {
                    return e;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new XunitException($"No watch event{(name is null ? "" : $" for \"{name}\"")} within {Deadlines.Event.TotalSeconds} s.");
        }

        throw new XunitException($"The watch ended before an event{(name is null ? "" : $" for \"{name}\"")} arrived.");
    }
}
