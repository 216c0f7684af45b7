namespace Emulator.Infrastructure.Storage;

public sealed class StoreOptions
{
    /// <summary>The SQLite file; ":memory:" is not supported (the store must survive restarts).</summary>
    public required string DatabasePath { get; init; }

    /// <summary>How many changes stay replayable for watches; older resourceVersions get 410 Expired, like etcd compaction.</summary>
    public int RetainedChanges { get; init; } = 20_000;
}
