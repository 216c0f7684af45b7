using System.Text.Json.Nodes;
using Emulator.Infrastructure.Storage;

namespace Emulator.Api.Tests;

/// <summary>
/// Group commit and the namespace index of the store (docs/decisions/0010): concurrent writers share transactions,
/// yet every acknowledged write is visible at once, survives a reopen, and sees the writes decided before it.
/// </summary>
public sealed class ObjectStoreGroupCommitTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"emu-store-{Guid.NewGuid():N}");
    private string Db => Path.Combine(_dir, "emulator.db");
    private static readonly ResourceKey ConfigMaps = new("", "configmaps");

    private static JsonObject Obj(string ns, string name, string value) => new()
    {
        ["apiVersion"] = "v1", ["kind"] = "ConfigMap",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
        ["data"] = new JsonObject { ["v"] = value },
    };

    private static Task<WriteResult> PutAsync(ObjectStore store, string ns, string name, string value) =>
        store.WriteAsync(new("", "configmaps", ns, name), _ => new WriteDecision.Put(Obj(ns, name, value)), CancellationToken.None);

    [Fact]
    public async Task Concurrent_writes_are_acknowledged_visible_and_durable_with_contiguous_revisions()
    {
        List<WriteResult> results;
        using (var store = new ObjectStore(new StoreOptions { DatabasePath = Db }))
        {
            var start = store.Revision;
            results = [.. await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => PutAsync(store, $"ns{i % 4}", $"cm{i:D3}", $"{i}"))))];
            foreach (var r in results)
            {
                var key = new ObjectKey("", "configmaps", r.Object.Object["metadata"]!["namespace"]!.GetValue<string>(), r.Object.Object["metadata"]!["name"]!.GetValue<string>());
                Assert.Equal(r.Object.ResourceVersion, store.Get(key)!.ResourceVersion);
            }
            Assert.Equal(Enumerable.Range(1, 200).Select(i => start + i), results.Select(r => r.Object.ResourceVersion).Order());
            Assert.Equal(start + 200, store.Revision);
        }
        using var reopened = new ObjectStore(new StoreOptions { DatabasePath = Db });
        Assert.Equal(200, reopened.List(ConfigMaps, null).Items.Count);
        foreach (var r in results)
            Assert.Contains(reopened.List(ConfigMaps, null).Items, o => o.ResourceVersion == r.Object.ResourceVersion && o.Json == r.Object.Json);
    }

    [Fact]
    public async Task Each_decision_sees_the_writes_queued_before_it()
    {
        using var store = new ObjectStore(new StoreOptions { DatabasePath = Db });
        var key = new ObjectKey("", "configmaps", "default", "counter");
        await PutAsync(store, "default", "counter", "0");
        await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Task.Run(() => store.WriteAsync(key, current =>
        {
            var n = int.Parse(current!.Object["data"]!["v"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
            return new WriteDecision.Put(Obj("default", "counter", (n + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }, CancellationToken.None))));
        Assert.Equal("100", store.Get(key)!.Object["data"]!["v"]!.GetValue<string>());
        var (subscription, _, replay, _) = store.Watch(ConfigMaps, "default", 0, initialState: false);
        subscription.Dispose();
        Assert.Equal(Enumerable.Range(0, 101).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            replay.Select(e => e.Object.Object["data"]!["v"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Lists_by_namespace_and_across_namespaces_keep_namespace_then_name_order()
    {
        var store = new ObjectStore(new StoreOptions { DatabasePath = Db });
        foreach (var (ns, name) in new[] { ("b", "z"), ("a", "y"), ("b", "a"), ("a", "b"), ("c", "m") })
            await PutAsync(store, ns, name, "1");
        await store.WriteAsync(new("", "configmaps", "c", "m"), cur => new WriteDecision.Delete(cur!.Clone()), CancellationToken.None);
        string Names(IEnumerable<StoredObject> items) => string.Join(",", items.Select(o => $"{o.Object["metadata"]!["namespace"]}/{o.Object["metadata"]!["name"]}"));
        Assert.Equal("a/b,a/y,b/a,b/z", Names(store.List(ConfigMaps, null).Items));
        Assert.Equal("b/a,b/z", Names(store.List(ConfigMaps, "b").Items));
        Assert.Empty(store.List(ConfigMaps, "c").Items);
        Assert.Equal("a/b,a/y", Names(store.InNamespace("a").Select(x => x.Object)));
        var (subscription, snapshot, _, _) = store.Watch(ConfigMaps, "b", 0, initialState: true);
        subscription.Dispose();
        Assert.Equal("b/a,b/z", Names(snapshot));
        store.Dispose();
        using var reopened = new ObjectStore(new StoreOptions { DatabasePath = Db });
        Assert.Equal("a/b,a/y,b/a,b/z", Names(reopened.List(ConfigMaps, null).Items));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
