using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Emulator.Domain.Errors;
using Emulator.Infrastructure.Watch;
using Microsoft.EntityFrameworkCore;

namespace Emulator.Infrastructure.Storage;

/// <summary>
/// The persistent object store: SQLite for durability, immutable in-memory snapshots for reads, a retained window of
/// changes for watch replay. Writes are serialized (one writer, like etcd's single Raft log); the resourceVersion is
/// the id of the change row written in the same transaction as the object.
/// </summary>
public sealed class ObjectStore : IDisposable
{
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Lock _publish = new();
    private readonly Dictionary<ResourceKey, ImmutableSortedDictionary<(string Ns, string Name), StoredObject>> _tables = [];
    private readonly LinkedList<WatchEvent> _history = new();
    private readonly List<WatchSubscription> _subscribers = [];
    private readonly ObjectWriter _writer;
    private readonly int _retained;
    private long _revision;
    private long _compactedRevision;
    private long _persistedCompaction;

    private static readonly IComparer<(string Ns, string Name)> KeyOrder = Comparer<(string Ns, string Name)>.Create((a, b) =>
    {
        var c = string.CompareOrdinal(a.Ns, b.Ns);
        return c != 0 ? c : string.CompareOrdinal(a.Name, b.Name);
    });

    public ObjectStore(StoreOptions options)
    {
        _retained = options.RetainedChanges;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.DatabasePath))!);
        var connectionString = $"Data Source={options.DatabasePath};Pooling=False";
        using (var db = new StoreDbContext(new DbContextOptionsBuilder<StoreDbContext>().UseSqlite(connectionString).Options))
        {
            db.Database.EnsureCreated();
            Load(db);
        }
        _writer = new ObjectWriter(connectionString);
    }

    /// <summary>The newest committed resourceVersion.</summary>
    public long Revision { get { lock (_publish) return _revision; } }

    private void Load(StoreDbContext db)
    {
        foreach (var group in db.Objects.AsNoTracking().AsEnumerable().GroupBy(o => new ResourceKey(o.Group, o.Resource)))
        {
            var builder = ImmutableSortedDictionary.CreateBuilder<(string, string), StoredObject>(KeyOrder);
            foreach (var row in group) builder[(row.Namespace, row.Name)] = new StoredObject(JsonText.ParseObject(row.Body), row.Body, row.ResourceVersion);
            _tables[group.Key] = builder.ToImmutable();
        }
        var meta = db.Meta.AsNoTracking().FirstOrDefault(m => m.Key == "compactedRevision");
        _compactedRevision = meta is null ? 0 : long.Parse(meta.Value, System.Globalization.CultureInfo.InvariantCulture);
        _persistedCompaction = _compactedRevision;
        _revision = db.Changes.Select(c => (long?)c.Id).Max() ?? 0;
        var recent = db.Changes.AsNoTracking().Where(c => c.Id > _compactedRevision)
            .OrderByDescending(c => c.Id).Take(_retained).ToList();
        recent.Reverse();
        if (recent.Count > 0) _compactedRevision = Math.Max(_compactedRevision, recent[0].Id - 1);
        foreach (var c in recent)
        {
            var key = new ObjectKey(c.Group, c.Resource, c.Namespace, c.Name);
            _history.AddLast(new WatchEvent(c.Type, key, new StoredObject(JsonText.ParseObject(c.Body), c.Body, c.Id), null));
        }
    }

    public StoredObject? Get(ObjectKey key)
    {
        lock (_publish)
            return _tables.TryGetValue(key.ResourceKey, out var table) ? table.GetValueOrDefault((key.Namespace, key.Name)) : null;
    }

    /// <summary>A consistent snapshot of one resource (one namespace or all) and the revision it is current at.</summary>
    public (IReadOnlyList<StoredObject> Items, long Revision) List(ResourceKey resource, string? ns)
    {
        ImmutableSortedDictionary<(string Ns, string Name), StoredObject>? table;
        long revision;
        lock (_publish)
        {
            _tables.TryGetValue(resource, out table);
            revision = _revision;
        }
        if (table is null) return ([], revision);
        IEnumerable<KeyValuePair<(string Ns, string Name), StoredObject>> items = table;
        if (ns is not null) items = items.Where(p => p.Key.Ns == ns);
        return ([.. items.Select(p => p.Value)], revision);
    }

    /// <summary>Namespaces holding at least one object of any resource (used to empty a terminating namespace).</summary>
    public IEnumerable<(ResourceKey Resource, StoredObject Object)> InNamespace(string ns)
    {
        List<(ResourceKey, ImmutableSortedDictionary<(string Ns, string Name), StoredObject>)> tables;
        lock (_publish) tables = [.. _tables.Select(t => (t.Key, t.Value))];
        foreach (var (resource, table) in tables)
            foreach (var (key, value) in table)
                if (key.Ns == ns) yield return (resource, value);
    }

    /// <summary>
    /// The one write path. <paramref name="decide"/> sees the current object (null when absent) while no other write
    /// can run, and says what to store; it may throw a <see cref="StatusException"/> to refuse.
    /// </summary>
    public async Task<WriteResult> WriteAsync(ObjectKey key, Func<StoredObject?, WriteDecision> decide, CancellationToken ct)
    {
        await _writeLock.WaitAsync(ct);
        try
        {
            var current = Get(key);
            switch (decide(current))
            {
                case WriteDecision.Unchanged:
                    return new WriteResult(current ?? throw new InvalidOperationException("Unchanged needs a current object"), false, false);
                case WriteDecision.DryRun dry:
                    return new WriteResult(new StoredObject(dry.Object, JsonText.Serialize(dry.Object), current?.ResourceVersion ?? 0), current is null, dry.Deleted);
                case WriteDecision.Put put:
                    return new WriteResult(Commit(current is null ? "ADDED" : "MODIFIED", key, put.Object, current), current is null, false);
                case WriteDecision.Delete delete:
                    if (current is null) throw new InvalidOperationException("cannot delete a missing object");
                    return new WriteResult(Commit("DELETED", key, delete.FinalState, current), false, true);
                default:
                    throw new InvalidOperationException("unknown write decision");
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private StoredObject Commit(string type, ObjectKey key, JsonObject obj, StoredObject? previous)
    {
        var revision = _revision + 1;
        var meta = obj["metadata"] as JsonObject ?? throw new InvalidOperationException("object without metadata");
        meta["resourceVersion"] = revision.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var json = JsonText.Serialize(obj);
        _writer.Commit(type, key, revision, json);
        var stored = new StoredObject(obj, json, revision);
        var e = new WatchEvent(type, key, stored, previous);
        lock (_publish)
        {
            var table = _tables.GetValueOrDefault(key.ResourceKey) ?? ImmutableSortedDictionary.Create<(string, string), StoredObject>(KeyOrder);
            _tables[key.ResourceKey] = type == "DELETED" ? table.Remove((key.Namespace, key.Name)) : table.SetItem((key.Namespace, key.Name), stored);
            _revision = revision;
            _history.AddLast(e);
            while (_history.Count > _retained)
            {
                _compactedRevision = _history.First!.Value.ResourceVersion;
                _history.RemoveFirst();
            }
            foreach (var s in _subscribers) if (s.Wants(e)) s.Offer(e);
        }
        if (_compactedRevision - _persistedCompaction >= Math.Max(1, _retained / 10)) CompactLog();
        return stored;
    }

    private void CompactLog()
    {
        long target;
        lock (_publish) target = _compactedRevision;
        _writer.Compact(target);
        _persistedCompaction = target;
    }

    /// <summary>
    /// Starts a watch. With <paramref name="initialState"/> the current objects come back as the snapshot to send as
    /// ADDED first; otherwise every retained change after <paramref name="fromRevision"/> is replayed.
    /// Registration happens under the publish lock, so no change falls between the snapshot/replay and the live feed.
    /// </summary>
    public (WatchSubscription Subscription, IReadOnlyList<StoredObject> Snapshot, IReadOnlyList<WatchEvent> Replay, long Revision) Watch(
        ResourceKey resource, string? ns, long fromRevision, bool initialState)
    {
        lock (_publish)
        {
            List<StoredObject> snapshot = [];
            List<WatchEvent> replay = [];
            if (initialState)
            {
                if (_tables.TryGetValue(resource, out var table))
                    snapshot.AddRange(table.Where(p => ns is null || p.Key.Ns == ns).Select(p => p.Value));
            }
            else
            {
                if (fromRevision < _compactedRevision) throw StatusException.Expired(fromRevision, _compactedRevision + 1);
                for (var node = _history.Last; node is not null && node.Value.ResourceVersion > fromRevision; node = node.Previous)
                {
                    var e = node.Value;
                    if (e.Key.ResourceKey == resource && (ns is null || e.Key.Namespace == ns)) replay.Add(e);
                }
                replay.Reverse();
            }
            var subscription = new WatchSubscription(resource, ns, Unsubscribe);
            _subscribers.Add(subscription);
            return (subscription, snapshot, replay, _revision);
        }
    }

    private void Unsubscribe(WatchSubscription s)
    {
        lock (_publish) _subscribers.Remove(s);
    }

    public void Dispose()
    {
        lock (_publish)
        {
            foreach (var s in _subscribers) s.Close();
            _subscribers.Clear();
        }
        _writer.Dispose();
        _writeLock.Dispose();
    }
}
