using Emulator.Domain.Endpoints;
using Emulator.Domain.Resources;
using Emulator.Infrastructure.Controllers.Framework;
using Emulator.Infrastructure.Storage;

namespace Emulator.Infrastructure.Endpoints;

/// <summary>
/// kube-controller-manager's EndpointSliceMirroring controller (k/k pkg/controller/endpointslicemirroring): keys
/// are Endpoints names (= service names). Endpoints and Service events map to themselves, mirrored slices to their
/// kubernetes.io/service-name. Endpoints of a selector-less Service without the skip-mirror label are mirrored;
/// otherwise any mirrored slices are deleted (the garbage collector's work on a real cluster, once the Endpoints go).
/// </summary>
public sealed class EndpointSliceMirroringReconciler(ObjectStore store, EndpointsLister lister, EndpointWriter writer) : IReconciler
{
    public string Name => "endpointslicemirroring";

    public IReadOnlyList<ResourceKey> Watches { get; } =
        [EndpointResources.Endpoints, EndpointResources.Services, EndpointResources.EndpointSlices];

    // Every key costs a scan of its namespace's pods, and the work queue is FIFO: a short period would keep a large
    // cluster's queue full of no-op resyncs ahead of real events. Missed events are rare (the runner re-lists when a
    // watch is dropped), so five minutes is enough to heal one.
    public TimeSpan ResyncPeriod => TimeSpan.FromMinutes(5);

    public IEnumerable<ObjectKey> KeysFor(WatchEvent e)
    {
        var resource = e.Key.ResourceKey;
        if (resource == EndpointResources.Endpoints || resource == EndpointResources.Services)
            return [EndpointResources.EndpointsOf(e.Key.Namespace, e.Key.Name)];
        if (resource == EndpointResources.EndpointSlices)
            return new[] { e.Object.Object, e.Previous?.Object }
                .Where(o => o?.Labels().GetValueOrDefault(EndpointLabels.ManagedBy) == EndpointLabels.MirroringControllerName)
                .Select(o => o!.Labels().GetValueOrDefault(EndpointLabels.ServiceName))
                .Where(n => !string.IsNullOrEmpty(n)).Distinct()
                .Select(n => EndpointResources.EndpointsOf(e.Key.Namespace, n!));
        return [];
    }

    public IEnumerable<ObjectKey> AllKeys()
    {
        var (endpoints, _) = store.List(EndpointResources.Endpoints, null);
        var (slices, _) = store.List(EndpointResources.EndpointSlices, null);
        var mirrored = slices.Where(s => s.Object.Labels().GetValueOrDefault(EndpointLabels.ManagedBy) == EndpointLabels.MirroringControllerName)
            .Select(s => EndpointResources.EndpointsOf(s.Object.Namespace() ?? "", s.Object.Labels().GetValueOrDefault(EndpointLabels.ServiceName) ?? ""));
        return endpoints.Select(e => EndpointResources.EndpointsOf(e.Object.Namespace() ?? "", e.Object.Name())).Concat(mirrored).Distinct();
    }

    public async Task ReconcileAsync(ObjectKey key, CancellationToken ct)
    {
        var endpoints = lister.Endpoints(key.Namespace, key.Name);
        var service = lister.Service(key.Namespace, key.Name);
        var mirror = EndpointSliceMirroringPlanner.ShouldMirror(endpoints, service) ? endpoints : null;
        var plan = EndpointSliceMirroringPlanner.Plan(mirror, lister.SlicesOf(key.Namespace, key.Name));
        if (!plan.IsEmpty) await writer.ApplyAsync(plan, ct);
    }
}
