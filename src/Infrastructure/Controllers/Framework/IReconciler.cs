using Emulator.Infrastructure.Storage;

namespace Emulator.Infrastructure.Controllers.Framework;

/// <summary>
/// A level-triggered controller: watch events only map to keys; <see cref="ReconcileAsync"/> reads current state
/// (the store's in-memory snapshots are the informer cache) and converges, writing through the GenericRegistry.
/// It must be safe to repeat: the periodic resync calls it for every key again.
/// </summary>
public interface IReconciler
{
    string Name { get; }

    /// <summary>The resources whose changes can affect a key of this controller.</summary>
    IReadOnlyList<ResourceKey> Watches { get; }

    /// <summary>Which keys an event concerns (e.g. a pod event → the services selecting it).</summary>
    IEnumerable<ObjectKey> KeysFor(WatchEvent e);

    /// <summary>Every key, for the start-up pass and the periodic resync.</summary>
    IEnumerable<ObjectKey> AllKeys();

    TimeSpan ResyncPeriod { get; }

    Task ReconcileAsync(ObjectKey key, CancellationToken ct);
}
