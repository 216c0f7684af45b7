using System.Text.Json.Nodes;
using Emulator.Domain.Errors;
using Emulator.Infrastructure.Storage;

namespace Emulator.Api.Tests;

/// <summary>Storage conformance on a temporary SQLite file: ordering, persistence, compaction, atomic decisions.</summary>
public sealed class ObjectStoreTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"emu-store-{Guid.NewGuid():N}");
    private string Db => Path.Combine(_dir, "emulator.db");
    private static readonly ResourceKey ConfigMaps = new("", "configmaps");

    private static ObjectKey Key(string name) => new("", "configmaps", "default", name);

    private static JsonObject Obj(string name, string value) => new()
    {
        ["apiVersion"] = "v1", ["kind"] = "ConfigMap",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default" },
        ["data"] = new JsonObject { ["v"] = value },
    };

    private static Task<WriteResult> PutAsync(ObjectStore store, string name, string value) =>
        store.WriteAsync(Key(name), _ => new WriteDecision.Put(Obj(name, value)), CancellationToken.None);

    [Fact]
    public async Task Resource_versions_increase_and_survive_a_reopen()
    {
        long last;
        using (var store = new ObjectStore(new StoreOptions { DatabasePath = Db }))
        {
            var a = await PutAsync(store, "a", "1");
            var b = await PutAsync(store, "b", "1");
            Assert.True(b.Object.ResourceVersion > a.Object.ResourceVersion);
            last = b.Object.ResourceVersion;
        }
        using (var reopened = new ObjectStore(new StoreOptions { DatabasePath = Db }))
        {
            Assert.Equal("1", reopened.Get(Key("a"))!.Object["data"]!["v"]!.GetValue<string>());
            Assert.Equal(last, reopened.Revision);
            var c = await PutAsync(reopened, "c", "1");
            Assert.Equal(last + 1, c.Object.ResourceVersion);
        }
    }

    [Fact]
    public async Task Watch_replays_retained_changes_after_a_reopen()
    {
        long from;
        using (var store = new ObjectStore(new StoreOptions { DatabasePath = Db }))
        {
            from = (await PutAsync(store, "a", "1")).Object.ResourceVersion;
            await PutAsync(store, "a", "2");
            await store.WriteAsync(Key("a"), cur => new WriteDecision.Delete(cur!.Clone()), CancellationToken.None);
        }
        using var reopened = new ObjectStore(new StoreOptions { DatabasePath = Db });
        var (sub, _, replay, _) = reopened.Watch(ConfigMaps, "default", from, initialState: false);
        sub.Dispose();
        Assert.Equal(["MODIFIED", "DELETED"], replay.Select(e => e.Type));
    }

    [Fact]
    public async Task Watching_from_before_the_retained_window_is_410_Expired()
    {
        using var store = new ObjectStore(new StoreOptions { DatabasePath = Db, RetainedChanges = 3 });
        var first = (await PutAsync(store, "a", "0")).Object.ResourceVersion;
        for (var i = 1; i <= 5; i++) await PutAsync(store, "a", i.ToString());
        var e = Assert.Throws<StatusException>(() => store.Watch(ConfigMaps, null, first, initialState: false));
        Assert.Equal(410, e.Code);
        Assert.Equal("Expired", e.Reason);
        Assert.StartsWith($"too old resource version: {first} (", e.Message);
    }

    [Fact]
    public async Task Live_events_follow_the_replay_without_gaps()
    {
        using var store = new ObjectStore(new StoreOptions { DatabasePath = Db });
        var from = (await PutAsync(store, "a", "0")).Object.ResourceVersion;
        await PutAsync(store, "a", "1");
        var (sub, _, replay, _) = store.Watch(ConfigMaps, null, from, initialState: false);
        using (sub)
        {
            await PutAsync(store, "a", "2");
            Assert.True(sub.Events.TryRead(out var live));
            Assert.Equal(replay.Single().ResourceVersion + 1, live!.ResourceVersion);
        }
    }

    [Fact]
    public async Task A_refused_decision_writes_nothing()
    {
        using var store = new ObjectStore(new StoreOptions { DatabasePath = Db });
        await PutAsync(store, "a", "1");
        var before = store.Revision;
        await Assert.ThrowsAsync<StatusException>(() => store.WriteAsync(Key("a"),
            _ => throw StatusException.BadRequest("no"), CancellationToken.None));
        Assert.Equal(before, store.Revision);
        Assert.Equal("1", store.Get(Key("a"))!.Object["data"]!["v"]!.GetValue<string>());
    }

    [Fact]
    public async Task Concurrent_compare_and_swap_lets_exactly_one_writer_win()
    {
        using var store = new ObjectStore(new StoreOptions { DatabasePath = Db });
        var rv = (await PutAsync(store, "a", "0")).Object.ResourceVersion;
        var attempts = Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            try
            {
                await store.WriteAsync(Key("a"), cur =>
                {
                    if (cur!.ResourceVersion != rv) throw new StatusException(409, "Conflict", "stale");
                    return new WriteDecision.Put(Obj("a", i.ToString()));
                }, CancellationToken.None);
                return true;
            }
            catch (StatusException) { return false; }
        })).ToList();
        var results = await Task.WhenAll(attempts);
        Assert.Equal(1, results.Count(r => r));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
