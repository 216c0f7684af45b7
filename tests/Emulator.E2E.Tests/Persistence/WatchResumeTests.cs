using System.Net;
using System.Text.Json.Nodes;
using Emulator.E2E.Tests.Harness;
using Xunit.Sdk;

namespace Emulator.E2E.Tests.Persistence;

/// <summary>
/// A client that was watching before a restart resumes from its last resourceVersion. The server must replay every
/// later change in order or answer 410 Expired so the client re-lists; silently skipping changes is the one wrong answer.
/// </summary>
[Collection(RestartCollection.Name)]
public sealed class WatchResumeTests
{
    [Fact]
    public async Task A_watch_resumed_from_a_pre_restart_resourceVersion_replays_later_changes_in_order_or_answers_410()
    {
        await using var emulator = await EmulatorProcess.StartAsync();
        var ns = Names.Namespace("resume");
        await emulator.Api.CreateNamespaceAsync(ns);
        var a = await emulator.Api.CreateAsync(ApiPaths.ConfigMaps(ns), Manifests.ConfigMap("a", new Dictionary<string, string> { ["v"] = "1" }));
        var from = ResourceVersions.Of(a);
        await emulator.Api.CreateAsync(ApiPaths.ConfigMaps(ns), Manifests.ConfigMap("b", new Dictionary<string, string> { ["v"] = "1" }));
        (await emulator.Api.PutAsync(ApiPaths.ConfigMap(ns, "a"), Manifests.ConfigMap("a", new Dictionary<string, string> { ["v"] = "2" })))
            .HasStatus(HttpStatusCode.OK);

        await emulator.RestartAsync();
        await emulator.Api.CreateAsync(ApiPaths.ConfigMaps(ns), Manifests.ConfigMap("c", new Dictionary<string, string> { ["v"] = "1" }));

        await using var watch = await emulator.Api.WatchAsync($"{ApiPaths.ConfigMaps(ns)}?watch=true&resourceVersion={from}");
        using var deadline = new CancellationTokenSource(Deadlines.Event);
        if (watch.StatusCode == HttpStatusCode.Gone)
        {
            return; // a plain 410 answer: the client re-lists, nothing is skipped
        }

        if (watch.StatusCode != HttpStatusCode.OK)
        {
            throw new XunitException($"The watch answered {(int)watch.StatusCode}: {await watch.ReadToEndAsync(deadline.Token)}");
        }

        var seen = new List<string>();
        var versions = new List<long>();
        try
        {
            while (!seen.Contains("ADDED c") && await watch.ReadEventAsync(deadline.Token) is { } e)
            {
                var type = (string?)e["type"];
                var obj = e["object"] ?? throw new XunitException($"A watch event without an object: {e}");
                if (type == "ERROR")
                {
                    Assert.Equal(410, (int?)obj["code"]);
                    Assert.Equal("Expired", (string?)obj["reason"]);
                    return; // the in-stream 410, as kube-apiserver sends it: the client re-lists
                }

                var name = (string?)obj["metadata"]?["name"];
                // Other writers (e.g. a kube-root-ca.crt publisher) may add configmaps; only ours are asserted.
                if (type != "BOOKMARK" && name is "a" or "b" or "c")
                {
                    Assert.Equal("ConfigMap", (string?)obj["kind"]);
                    seen.Add($"{type} {name}");
                    versions.Add(ResourceVersions.Of(obj));
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new XunitException($"The resumed watch stopped short: saw [{string.Join(", ", seen)}].\n{emulator.RecentOutput()}");
        }

        Assert.Equal(["ADDED b", "MODIFIED a", "ADDED c"], seen);
        Assert.True(versions.All(v => v > from), $"Replayed a change at or before {from}: [{string.Join(", ", versions)}]");
        Assert.True(versions.SequenceEqual(versions.Order()), $"Replayed out of order: [{string.Join(", ", versions)}]");
    }
}
