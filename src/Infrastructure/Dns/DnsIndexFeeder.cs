using Emulator.Domain.Resources;
using Emulator.Infrastructure.Storage;
using Emulator.Infrastructure.Watch;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Emulator.Infrastructure.Dns;

/// <summary>
/// Keeps <see cref="DnsZoneIndex"/> current from the store, as CoreDNS's informers do: at start each resource is
/// listed and watched in one step (the store registers the watch under the same lock as the snapshot, so nothing falls
/// between), and every committed change is applied as it is published. A watcher the store closes for falling behind
/// re-lists that resource.
/// </summary>
public sealed partial class DnsIndexFeeder(ObjectStore store, DnsZoneIndex index, ClusterOptions options, ILogger<DnsIndexFeeder> logger)
    : IHostedService, IDisposable
{
    private static readonly ResourceKey Services = new("", "services");
    private static readonly ResourceKey EndpointSlices = new("discovery.k8s.io", "endpointslices");
    private static readonly ResourceKey Namespaces = new("", "namespaces");

    private readonly CancellationTokenSource _stopping = new();
    private Task _pumps = Task.CompletedTask;

    /// <summary>Loads the initial lists before returning, so the zone is synced before the server answers.</summary>
    public Task StartAsync(CancellationToken ct)
    {
        if (options.DnsPort <= 0) return Task.CompletedTask;
        var subscriptions = new[] { Namespaces, Services, EndpointSlices }.Select(Subscribe).ToList();
        index.MarkSynced();
        _pumps = Task.WhenAll(subscriptions.Select(s => PumpAsync(s, _stopping.Token)));
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken ct)
    {
        await _stopping.CancelAsync();
        try
        {
            await _pumps.WaitAsync(ct);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private WatchSubscription Subscribe(ResourceKey resource)
    {
        var (subscription, snapshot, _, _) = store.Watch(resource, null, 0, initialState: true);
        var present = new HashSet<(string, string)>();
        foreach (var item in snapshot)
        {
            var key = (item.Object.Namespace() ?? "", item.Object.Name());
            present.Add(key);
            Apply(resource, key.Item1, key.Item2, item);
        }
        foreach (var (ns, name) in index.Keys(resource.Resource))
            if (!present.Contains((ns, name))) Apply(resource, ns, name, null);
        return subscription;
    }

    private async Task PumpAsync(WatchSubscription subscription, CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                using (subscription)
                {
                    while (await subscription.Events.WaitToReadAsync(ct))
                        while (subscription.Events.TryRead(out var e))
                            Apply(subscription.Resource, e.Key.Namespace, e.Key.Name, e.Type == "DELETED" ? null : e.Object);
                }
                if (ct.IsCancellationRequested) break;
                LogRelist(logger, subscription.Resource.Resource);
                subscription = Subscribe(subscription.Resource);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private void Apply(ResourceKey resource, string ns, string name, StoredObject? item)
    {
        if (resource == Services) index.SetService(ns, name, item?.Object);
        else if (resource == EndpointSlices) index.SetSlice(ns, name, item?.Object);
        else index.SetNamespace(name, item is not null);
    }

    public void Dispose() => _stopping.Dispose();

    [LoggerMessage(EventId = 80, Level = LogLevel.Information, Message = "DNS: the {Resource} watch fell behind; re-listing")]
    private static partial void LogRelist(ILogger logger, string resource);
}
