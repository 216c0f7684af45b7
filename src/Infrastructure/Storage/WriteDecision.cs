using System.Text.Json.Nodes;

namespace Emulator.Infrastructure.Storage;

/// <summary>What a write callback decided, given the current object: store a new version, delete it, or leave it.</summary>
public abstract record WriteDecision
{
    public sealed record Put(JsonObject Object) : WriteDecision;

    /// <summary>Remove the object; <paramref name="FinalState"/> is what the DELETED event and the response carry.</summary>
    public sealed record Delete(JsonObject FinalState) : WriteDecision;

    /// <summary>Nothing to write (e.g. an update equal to the stored object); the current version is returned.</summary>
    public sealed record Unchanged : WriteDecision;

    /// <summary>Compute everything but do not persist (dryRun=All). The object gets no new resourceVersion.</summary>
    public sealed record DryRun(JsonObject Object, bool Deleted) : WriteDecision;
}

/// <summary>The outcome of a write: the stored (or final) object, and whether it was created.</summary>
public sealed record WriteResult(StoredObject Object, bool Created, bool Deleted);
