using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Emulator.E2E.Tests.Harness;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Emulator.E2E.Tests.Reliability;

/// <summary>
/// Many clients doing GET-modify-PUT with the resourceVersion they read, on the same few objects: optimistic
/// concurrency must let exactly one writer win per resourceVersion, lose no increment, and answer the losers 409
/// Conflict worded as the apiserver words it. The single SQLite writer must never surface "database is locked".
/// </summary>
[Collection(SharedEmulatorCollection.Name)]
public sealed class ConcurrencyTests(EmulatorFixture fixture, ITestOutputHelper output)
{
    private const int Clients = 8;
    private const int Objects = 3;
    private const int IncrementsPerClient = 12;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(180);

    [Fact]
    public async Task Concurrent_read_modify_write_has_one_winner_per_resourceVersion_and_loses_no_increment()
    {
        var ns = await fixture.CreateNamespaceAsync("concurrency");
        var names = Enumerable.Range(0, Objects).Select(i => $"counter-{i}").ToArray();
        var createdAt = new Dictionary<string, long>();
        foreach (var name in names)
        {
            var created = await fixture.CreateConfigMapAsync(ns, name, new Dictionary<string, string> { ["n"] = "0" });
            createdAt[name] = ResourceVersions.Of(created);
        }

        var wins = new ConcurrentBag<(string Name, long Base, long Result)>();
        var conflicts = new ConcurrentBag<(string Name, long Base)>();
        var unexpected = new ConcurrentBag<string>();
        using var budget = new CancellationTokenSource(Budget);
        var workers = Enumerable.Range(0, Clients).Select(worker => Task.Run(async () =>
        {
            using var api = ApiClient.Https(fixture.Emulator, fixture.Emulator.AdminToken);
            var random = new Random(worker);
            for (var done = 0; done < IncrementsPerClient && !budget.IsCancellationRequested;)
            {
                var name = names[random.Next(names.Length)];
                var read = await api.GetAsync(ApiPaths.ConfigMap(ns, name));
                if (read.StatusCode != HttpStatusCode.OK)
                {
                    unexpected.Add(read.Describe());
                    return;
                }

                var current = read.Json();
                var baseRv = ResourceVersions.Of(current);
                var n = int.Parse((string)current["data"]!["n"]!, System.Globalization.CultureInfo.InvariantCulture);
                var put = await api.PutAsync(
                    ApiPaths.ConfigMap(ns, name),
                    Manifests.ConfigMap(name, new Dictionary<string, string> { ["n"] = $"{n + 1}" }, baseRv.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                switch (put.Code)
                {
                    case 200:
                        wins.Add((name, baseRv, ResourceVersions.Of(put.Json())));
                        done++;
                        break;
                    case 409:
                        var status = put.Json();
                        var expected = $"Operation cannot be fulfilled on configmaps \"{name}\": the object has been modified; please apply your changes to the latest version and try again";
                        if ((string?)status["reason"] != "Conflict" || (string?)status["message"] != expected || (int?)status["code"] != 409)
                        {
                            unexpected.Add(put.Describe());
                        }

                        conflicts.Add((name, baseRv));
                        break;
                    default:
                        unexpected.Add(put.Describe());
                        return;
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);

        Assert.False(budget.IsCancellationRequested, $"The clients did not finish within {Budget.TotalSeconds} s ({wins.Count} wins).");
        Assert.True(unexpected.IsEmpty, $"Answers other than 200 or the exact 409 Conflict:\n{string.Join("\n", unexpected.Take(3))}");
        Assert.DoesNotContain("database is locked", fixture.Emulator.RecentOutput(), StringComparison.OrdinalIgnoreCase);

        foreach (var name in names)
        {
            // The winners of one object form a chain from its creation to its final version: each win is based on
            // the previous win's result. A fork (two wins on one base) or a gap (a lost update) breaks the chain.
            var chain = wins.Where(w => w.Name == name).OrderBy(w => w.Base).ToList();
            var duplicates = chain.GroupBy(w => w.Base).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            Assert.True(duplicates.Count == 0, $"{name}: more than one PUT won on resourceVersion(s) {string.Join(", ", duplicates)}");
            var expectedBase = createdAt[name];
            foreach (var win in chain)
            {
                Assert.True(win.Base == expectedBase, $"{name}: a win based on {win.Base} where the previous version was {expectedBase}");
                Assert.True(win.Result > win.Base, $"{name}: resourceVersion went from {win.Base} to {win.Result}");
                expectedBase = win.Result;
            }

            var final = (await fixture.Api.GetAsync(ApiPaths.ConfigMap(ns, name))).HasStatus(HttpStatusCode.OK).Json();
            Assert.Equal(expectedBase, ResourceVersions.Of(final));
            Assert.Equal($"{chain.Count}", (string?)final["data"]?["n"]);

            // Every losing attempt was based on a real version of the object that someone else won.
            var versions = chain.Select(w => w.Base).ToHashSet();
            var strays = conflicts.Where(c => c.Name == name && !versions.Contains(c.Base)).ToList();
            Assert.True(strays.Count == 0, $"{name}: 409 on resourceVersion(s) nobody won: {string.Join(", ", strays.Select(s => s.Base))}");
        }

        Assert.Equal(Clients * IncrementsPerClient, wins.Count);
        output.WriteLine($"concurrency: {Clients} clients, {Objects} objects, {wins.Count} increments won, {conflicts.Count} conflicts (409), 0 lost, 0 errors");
    }

    [Fact]
    public async Task A_burst_of_concurrent_creates_deletes_and_lists_never_answers_5xx()
    {
        var ns = await fixture.CreateNamespaceAsync("burst");
        var failures = new ConcurrentBag<string>();
        var requests = 0;
        var workers = Enumerable.Range(0, Clients).Select(worker => Task.Run(async () =>
        {
            using var api = ApiClient.Https(fixture.Emulator, fixture.Emulator.AdminToken);
            for (var i = 0; i < 20; i++)
            {
                var name = $"w{worker}-{i}";
                var responses = new List<ApiResponse>
                {
                    await api.PostAsync(ApiPaths.ConfigMaps(ns), Manifests.ConfigMap(name, new Dictionary<string, string> { ["i"] = $"{i}" })),
                    await api.GetAsync(ApiPaths.ConfigMaps(ns)),
                };
                if (i % 2 == 0)
                {
                    responses.Add(await api.DeleteAsync(ApiPaths.ConfigMap(ns, name)));
                }

                Interlocked.Add(ref requests, responses.Count);
                foreach (var r in responses.Where(r => r.Code is not (200 or 201)))
                {
                    failures.Add(r.Describe());
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);

        Assert.True(failures.IsEmpty, $"{failures.Count} requests failed:\n{string.Join("\n", failures.Take(3))}");
        var list = (await fixture.Api.GetAsync(ApiPaths.ConfigMaps(ns))).HasStatus(HttpStatusCode.OK).Json();
        var left = ((JsonArray)list["items"]!).Select(i => (string?)i!["metadata"]!["name"]).Where(n => n!.StartsWith('w')).Count();
        Assert.Equal(Clients * 10, left);
        output.WriteLine($"burst: {requests} concurrent requests, all 2xx, {left} objects left as expected");
    }
}
