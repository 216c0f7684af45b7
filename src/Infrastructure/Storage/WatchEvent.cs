namespace Emulator.Infrastructure.Storage;

/// <summary>A committed change as the watch hub fans it out. <see cref="Previous"/> lets watchers with selectors
/// turn a MODIFIED that leaves (or enters) their selection into DELETED (or ADDED), as the apiserver's cacher does.</summary>
public sealed record WatchEvent(string Type, ObjectKey Key, StoredObject Object, StoredObject? Previous)
{
    public long ResourceVersion => Object.ResourceVersion;
}
