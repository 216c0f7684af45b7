using Emulator.Domain.Endpoints;
using Emulator.Domain.Resources;
using Emulator.Infrastructure.Controllers.Framework;
using Emulator.Infrastructure.Storage;

namespace Emulator.Infrastructure.Endpoints;

/// <summary>
/// kube-controller-manager's EndpointSlice controller (k/k pkg/controller/endpointslice/endpointslice_controller.go,
/// kubernetes/endpointslice reconciler.go). Keys are services: pod events map to the services selecting the pod's
/// old or new labels, EndpointSlice events to their kubernetes.io/service-name, Node arrivals, departures and zone
/// changes to every service. On a real cluster the garbage collector removes a deleted Service's slices through
/// their ownerReference; here the reconciler deletes its managed slices when it finds the service gone.
/// </summary>
public sealed class EndpointSliceReconciler(EndpointsLister lister, EndpointWriter writer) : IReconciler
{
    private readonly TriggerTimeTracker _triggers = new();

    public string Name => "endpointslice";

    public IReadOnlyList<ResourceKey> Watches { get; } =
        [EndpointResources.Services, EndpointResources.Pods, EndpointResources.EndpointSlices, EndpointResources.Nodes];

    // Every key costs a scan of its namespace's pods, and the work queue is FIFO: a short period would keep a large
    // cluster's queue full of no-op resyncs ahead of real events. Missed events are rare (the runner re-lists when a
    // watch is dropped), so five minutes is enough to heal one.
    public TimeSpan ResyncPeriod => TimeSpan.FromMinutes(5);

    public IEnumerable<ObjectKey> KeysFor(WatchEvent e)
    {
        var resource = e.Key.ResourceKey;
        if (resource == EndpointResources.Services) return [e.Key];
        if (resource == EndpointResources.Pods) return lister.ServicesSelecting(e.Key.Namespace, e.Object.Object, e.Previous?.Object);
        if (resource == EndpointResources.EndpointSlices)
            return new[] { e.Object.Object, e.Previous?.Object }
                .Select(o => o?.Labels().GetValueOrDefault(EndpointLabels.ServiceName))
                .Where(n => !string.IsNullOrEmpty(n)).Distinct()
                .Select(n => EndpointResources.Service(e.Key.Namespace, n!));
        if (resource == EndpointResources.Nodes && NodeMatters(e)) return lister.AllServiceKeys();
        return [];
    }

    // Node heartbeats change nothing here; existence and the zone label do.
    private static bool NodeMatters(WatchEvent e) =>
        e.Type != "MODIFIED" || e.Previous is null
        || e.Previous.Object.Labels().GetValueOrDefault(EndpointLabels.Zone) != e.Object.Object.Labels().GetValueOrDefault(EndpointLabels.Zone);

    public IEnumerable<ObjectKey> AllKeys() => lister.AllServiceKeys();

    public async Task ReconcileAsync(ObjectKey key, CancellationToken ct)
    {
        var service = lister.Service(key.Namespace, key.Name);
        if (service is null)
        {
            _triggers.Forget(key.Namespace, key.Name);
            foreach (var slice in lister.SlicesOf(key.Namespace, key.Name)
                         .Where(s => SliceEndpoints.Label(s, EndpointLabels.ManagedBy) == EndpointLabels.SliceControllerName))
                await writer.DeleteSliceAsync(key.Namespace, slice.Metadata.Name, ct);
            return;
        }
        // Services without a selector get slices out-of-band (users, the mirroring controller).
        if (!ServiceFacts.HasSelector(service)) return;

        var pods = lister.PodsSelectedBy(service);
        var trigger = _triggers.Compute(service, pods);
        var plan = EndpointSlicePlanner.Plan(service, pods, lister.Nodes(), lister.SlicesOf(key.Namespace, key.Name), trigger);
        if (!plan.IsEmpty) await writer.ApplyAsync(plan, ct);
    }
}
