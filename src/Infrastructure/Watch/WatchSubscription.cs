using System.Threading.Channels;
using Emulator.Infrastructure.Storage;

namespace Emulator.Infrastructure.Watch;

/// <summary>
/// One watcher's queue. Bounded: a watcher that falls this far behind is closed (as kine's broadcaster and the
/// apiserver's cacher do) so it re-lists, instead of stalling writers or growing memory without limit.
/// </summary>
public sealed class WatchSubscription : IDisposable
{
    public const int Capacity = 10_000;

    private readonly Channel<WatchEvent> _channel = Channel.CreateBounded<WatchEvent>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly Action<WatchSubscription> _unsubscribe;

    internal WatchSubscription(ResourceKey resource, string? ns, Action<WatchSubscription> unsubscribe)
    {
        Resource = resource;
        Namespace = ns;
        _unsubscribe = unsubscribe;
    }

    public ResourceKey Resource { get; }

    /// <summary>Null watches every namespace.</summary>
    public string? Namespace { get; }

    public ChannelReader<WatchEvent> Events => _channel.Reader;

    /// <summary>True when the watcher was closed because it could not keep up.</summary>
    public bool Overflowed { get; private set; }

    internal bool Wants(WatchEvent e) =>
        e.Key.ResourceKey == Resource && (Namespace is null || Namespace == e.Key.Namespace);

    internal void Offer(WatchEvent e)
    {
        if (Overflowed || _channel.Writer.TryWrite(e)) return;
        Overflowed = true;
        _channel.Writer.TryComplete();
    }

    internal void Close() => _channel.Writer.TryComplete();

    public void Dispose()
    {
        _unsubscribe(this);
        Close();
    }
}
