using System.Text.Json.Nodes;
using Emulator.Domain.Errors;
using Emulator.Infrastructure.Watch;

namespace Emulator.Infrastructure.Storage;

/// <summary>
/// The persistent object store: SQLite for durability, immutable in-memory snapshots (indexed by namespace) for
/// reads, a retained window of changes for watch replay. Writes are serialized (one writer, like etcd's single Raft
/// log); the resourceVersion is the id of the change row written in the same transaction as the object.
/// Group commit (docs/decisions/0010): writes decided while a transaction commits wait in a queue and go into the
/// next transaction together; a write is published to readers and watchers, and acknowledged to its caller, only
/// after the transaction holding it committed.
/// </summary>
public sealed class ObjectStore : IDisposable
{
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Lock _publish = new();
    private readonly Dictionary<ResourceKey, ResourceTable> _tables = [];
    private readonly LinkedList<WatchEvent> _history = new();
    private readonly List<WatchSubscription> _subscribers = [];
    private readonly ObjectWriter _writer;
    private readonly int _retained;
    private long _revision;
    private long _compactedRevision;
    private long _persistedCompaction;

    // Group commit. Guarded by _queueLock: the writes decided but not yet committed (in order), the newest pending
    // state of each key they touch (null = pending delete), and the last revision handed out.
    private readonly Lock _queueLock = new();
    private List<PendingWrite> _queue = [];
    private readonly Dictionary<ObjectKey, PendingWrite> _pendingByKey = [];
    private long _assignedRevision;
    private volatile bool _stopping;
    private readonly Thread _committer;
    private readonly AutoResetEvent _wake = new(false);

    private sealed class PendingWrite(WatchEvent change)
    {
        public WatchEvent Change { get; } = change;
        public TaskCompletionSource Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public ObjectStore(StoreOptions options)
    {
        _retained = options.RetainedChanges;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.DatabasePath))!);
        _writer = new ObjectWriter($"Data Source={options.DatabasePath};Pooling=False");
        Load(_writer.Connection);
        _assignedRevision = _revision;
        _committer = new Thread(CommitLoop) { IsBackground = true, Name = "ObjectStore group commit" };
        _committer.Start();
    }

    /// <summary>The newest committed resourceVersion.</summary>
    public long Revision { get { lock (_publish) return _revision; } }

    private void Load(Microsoft.Data.Sqlite.SqliteConnection connection)
    {
        foreach (var group in StoreSchema.Objects(connection).GroupBy(o => o.Key.ResourceKey))
        {
            _tables[group.Key] = ResourceTable.Build(group.Select(row =>
                (row.Key.Namespace, row.Key.Name, new StoredObject(JsonText.ParseObject(row.Body), row.Body, row.ResourceVersion))));
        }
        _compactedRevision = StoreSchema.CompactedRevision(connection);
        _persistedCompaction = _compactedRevision;
        _revision = StoreSchema.MaxChangeId(connection);
        var recent = StoreSchema.RecentChanges(connection, _compactedRevision, _retained);
        if (recent.Count > 0) _compactedRevision = Math.Max(_compactedRevision, recent[0].Id - 1);
        foreach (var c in recent)
            _history.AddLast(new WatchEvent(c.Type, c.Key, new StoredObject(JsonText.ParseObject(c.Body), c.Body, c.Id), null));
    }

    public StoredObject? Get(ObjectKey key)
    {
        lock (_publish)
            return _tables.TryGetValue(key.ResourceKey, out var table) ? table.Get(key.Namespace, key.Name) : null;
    }

    /// <summary>A consistent snapshot of one resource (one namespace or all) and the revision it is current at.</summary>
    public (IReadOnlyList<StoredObject> Items, long Revision) List(ResourceKey resource, string? ns)
    {
        ResourceTable? table;
        long revision;
        lock (_publish)
        {
            _tables.TryGetValue(resource, out table);
            revision = _revision;
        }
        return (table is null ? [] : table.Snapshot(ns), revision);
    }

    /// <summary>Every object of any resource in one namespace (used to empty a terminating namespace).</summary>
    public IEnumerable<(ResourceKey Resource, StoredObject Object)> InNamespace(string ns)
    {
        List<(ResourceKey, ResourceTable)> tables;
        lock (_publish) tables = [.. _tables.Select(t => (t.Key, t.Value))];
        foreach (var (resource, table) in tables)
            foreach (var obj in table.Snapshot(ns))
                yield return (resource, obj);
    }

    /// <summary>
    /// The one write path. <paramref name="decide"/> sees the current object (null when absent), including writes
    /// still waiting for their commit, while no other write can decide, and says what to store; it may throw a
    /// <see cref="StatusException"/> to refuse. Returns once the change is committed and published.
    /// </summary>
    public async Task<WriteResult> WriteAsync(ObjectKey key, Func<StoredObject?, WriteDecision> decide, CancellationToken ct)
    {
        WriteResult result;
        Task? committed;
        await _writeLock.WaitAsync(ct);
        try
        {
            (result, committed) = Decide(key, decide);
        }
        finally
        {
            _writeLock.Release();
        }
        // Awaited outside the lock, so later writers decide (on top of this change) while it commits. Not cancelled
        // by ct: the change is queued and will be stored either way.
        if (committed is not null) await committed;
        return result;
    }

    private (WriteResult Result, Task? Committed) Decide(ObjectKey key, Func<StoredObject?, WriteDecision> decide)
    {
        var (current, currentCommitted) = Current(key);
        switch (decide(current))
        {
            case WriteDecision.Unchanged:
                // Answering with a version that is not committed yet must wait for it, like any acknowledgement.
                return (new WriteResult(current ?? throw new InvalidOperationException("Unchanged needs a current object"), false, false), currentCommitted);
            case WriteDecision.DryRun dry:
                return (new WriteResult(new StoredObject(dry.Object, JsonText.Serialize(dry.Object), current?.ResourceVersion ?? 0), current is null, dry.Deleted), null);
            case WriteDecision.Put put:
            {
                var pending = Enqueue(current is null ? "ADDED" : "MODIFIED", key, put.Object, current);
                return (new WriteResult(pending.Change.Object, current is null, false), pending.Committed.Task);
            }
            case WriteDecision.Delete delete:
            {
                if (current is null) throw new InvalidOperationException("cannot delete a missing object");
                var pending = Enqueue("DELETED", key, delete.FinalState, current);
                return (new WriteResult(pending.Change.Object, false, true), pending.Committed.Task);
            }
            default:
                throw new InvalidOperationException("unknown write decision");
        }
    }

    /// <summary>The newest state of a key: a queued change if there is one (with its commit), else the published object.</summary>
    private (StoredObject? Object, Task? Committed) Current(ObjectKey key)
    {
        // The committer publishes a batch before it forgets its pending entries, so a key missing here is published.
        lock (_queueLock)
        {
            if (_pendingByKey.TryGetValue(key, out var pending))
                return (pending.Change.Type == "DELETED" ? null : pending.Change.Object, pending.Committed.Task);
        }
        return (Get(key), null);
    }

    /// <summary>Gives the change the next revision and queues it for the committer. Called under the write lock.</summary>
    private PendingWrite Enqueue(string type, ObjectKey key, JsonObject obj, StoredObject? previous)
    {
        ObjectDisposedException.ThrowIf(_stopping, this);
        var revision = _assignedRevision + 1;
        var meta = obj["metadata"] as JsonObject ?? throw new InvalidOperationException("object without metadata");
        meta["resourceVersion"] = revision.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var pending = new PendingWrite(new WatchEvent(type, key, new StoredObject(obj, JsonText.Serialize(obj), revision), previous));
        lock (_queueLock)
        {
            _assignedRevision = revision;
            _queue.Add(pending);
            _pendingByKey[key] = pending;
        }
        _wake.Set();
        return pending;
    }

    private void CommitLoop()
    {
        while (true)
        {
            _wake.WaitOne();
            while (true)
            {
                List<PendingWrite> batch;
                bool stopping;
                lock (_queueLock)
                {
                    batch = _queue;
                    _queue = [];
                    stopping = _stopping;
                }
                if (batch.Count == 0)
                {
                    if (stopping) return;
                    break;
                }
                CommitBatch(batch);
            }
        }
    }

    /// <summary>One transaction for the whole batch; then publish in order, then acknowledge.</summary>
    private void CommitBatch(List<PendingWrite> batch)
    {
        try
        {
            _writer.Commit([.. batch.Select(p => p.Change)]);
        }
        catch (Exception e)
        {
            Abandon(batch, e);
            return;
        }
        lock (_publish)
        {
            foreach (var change in batch.Select(p => p.Change))
            {
                var key = change.Key;
                var table = _tables.GetValueOrDefault(key.ResourceKey) ?? ResourceTable.Empty;
                _tables[key.ResourceKey] = change.Type == "DELETED" ? table.Remove(key.Namespace, key.Name) : table.Set(key.Namespace, key.Name, change.Object);
                _revision = change.ResourceVersion;
                _history.AddLast(change);
                while (_history.Count > _retained)
                {
                    _compactedRevision = _history.First!.Value.ResourceVersion;
                    _history.RemoveFirst();
                }
                foreach (var s in _subscribers) if (s.Wants(change)) s.Offer(change);
            }
        }
        lock (_queueLock)
        {
            foreach (var p in batch)
                if (_pendingByKey.TryGetValue(p.Change.Key, out var newest) && newest == p) _pendingByKey.Remove(p.Change.Key);
        }
        foreach (var p in batch) p.Committed.TrySetResult();
        if (_compactedRevision - _persistedCompaction >= Math.Max(1, _retained / 10)) CompactLog();
    }

    /// <summary>
    /// The transaction failed: its writes fail, and so do the ones queued behind it, since they were decided on top
    /// of it. Later writers decide on the published state again.
    /// </summary>
    private void Abandon(List<PendingWrite> batch, Exception error)
    {
        _writeLock.Wait();
        try
        {
            List<PendingWrite> queued;
            lock (_queueLock)
            {
                queued = _queue;
                _queue = [];
                _pendingByKey.Clear();
                _assignedRevision = Revision;
            }
            foreach (var p in batch.Concat(queued)) p.Committed.TrySetException(error);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private void CompactLog()
    {
        long target;
        lock (_publish) target = _compactedRevision;
        try
        {
            _writer.Compact(target);
            _persistedCompaction = target;
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            // Only housekeeping (old change rows nobody can ask for): tried again after the next batch.
        }
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
                if (_tables.TryGetValue(resource, out var table)) snapshot = table.Snapshot(ns);
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
        lock (_queueLock) _stopping = true;
        _wake.Set();
        _committer.Join(); // commits whatever was queued before returning
        lock (_publish)
        {
            foreach (var s in _subscribers) s.Close();
            _subscribers.Clear();
        }
        _writer.Dispose();
        _writeLock.Dispose();
        _wake.Dispose();
    }
}
