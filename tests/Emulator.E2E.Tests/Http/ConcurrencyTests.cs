using System.Net;
using Emulator.E2E.Tests.Harness;
using Xunit.Sdk;

namespace Emulator.E2E.Tests.Http;

/// <summary>Optimistic concurrency: a write carrying a stale resourceVersion must lose, however the writes interleave.</summary>
[Collection(SharedEmulatorCollection.Name)]
public sealed class ConcurrencyTests(EmulatorFixture fixture)
{
    private const int Writers = 10;

    [Fact]
    public async Task Parallel_updates_from_the_same_resourceVersion_let_exactly_one_win_and_the_rest_get_409_Conflict()
    {
        var ns = await fixture.CreateNamespaceAsync("conflict");
        var created = await fixture.CreateConfigMapAsync(ns, "c", new Dictionary<string, string> { ["writer"] = "none" });
        var resourceVersion = (string)created["metadata"]!["resourceVersion"]!;

        var responses = await Task.WhenAll(Enumerable.Range(0, Writers).Select(writer =>
            fixture.Api.PutAsync(
                ApiPaths.ConfigMap(ns, "c"),
                Manifests.ConfigMap("c", new Dictionary<string, string> { ["writer"] = $"w{writer}" }, resourceVersion))));

        var summary = string.Join("\n\n", responses.Select(r => $"{r.Code}: {r.Body}"));
        var winners = responses.Where(r => r.StatusCode == HttpStatusCode.OK).ToArray();
        var losers = responses.Where(r => r.StatusCode == HttpStatusCode.Conflict).ToArray();
        if (winners.Length != 1 || losers.Length != Writers - 1)
        {
            throw new XunitException($"Expected 1 × 200 and {Writers - 1} × 409, got:\n{summary}\n--- emulator ---\n{fixture.Emulator.RecentOutput()}");
        }

        foreach (var loser in losers)
        {
            var status = loser.IsStatus(HttpStatusCode.Conflict, "Conflict");
            Assert.Equal(
                "Operation cannot be fulfilled on configmaps \"c\": the object has been modified; please apply your changes to the latest version and try again",
                (string?)status["message"]);
        }

        var stored = (await fixture.Api.GetAsync(ApiPaths.ConfigMap(ns, "c"))).HasStatus(HttpStatusCode.OK).Json();
        Assert.Equal((string?)winners[0].Json()["data"]?["writer"], (string?)stored["data"]?["writer"]);
        Assert.True(ResourceVersions.Of(stored) > ResourceVersions.Parse(resourceVersion, summary), $"resourceVersion did not grow:\n{stored}");
    }

    [Fact]
    public async Task An_update_with_a_stale_resourceVersion_is_refused_by_kubectl_replace()
    {
        var ns = await fixture.CreateNamespaceAsync("stale");
        var created = await fixture.CreateConfigMapAsync(ns, "c", new Dictionary<string, string> { ["a"] = "1" });
        var stale = (string)created["metadata"]!["resourceVersion"]!;
        (await fixture.Kubectl.RunAsync("label", "cm", "c", "-n", ns, "bump=yes")).Succeeds();

        var manifest = Manifests.ConfigMap("c", new Dictionary<string, string> { ["a"] = "2" }, stale);

        (await fixture.Kubectl.RunAsync(["replace", "-f", "-", "-n", ns], manifest)).FailsWith(1)
            .PrintsErrorLine("the object has been modified; please apply your changes to the latest version and try again");
    }
}
