using Emulator.Domain.Endpoints;
using Emulator.Domain.Resources;
using Emulator.Infrastructure.Controllers.Framework;
using Emulator.Infrastructure.Storage;

namespace Emulator.Infrastructure.Endpoints;

/// <summary>
/// kube-controller-manager's Endpoints controller (k/k pkg/controller/endpoint/endpoints_controller.go). Keys are
/// services. A pod event maps to the services of its namespace whose selector matches the pod's old or new labels,
/// a service event to itself, a deleted Endpoints object to its service (so it is recreated).
/// The real apiserver deletes a Service's Endpoints synchronously (service registry AfterDelete); here the
/// reconciler does it when it finds the service gone, and also removes leftover Endpoints without a Service on its
/// first pass, as checkLeftoverEndpoints does at controller start.
/// </summary>
public sealed class EndpointsReconciler(ObjectStore store, EndpointsLister lister, EndpointWriter writer) : IReconciler
{
    private readonly TriggerTimeTracker _triggers = new();
    private int _passes;

    public string Name => "endpoint";

    public IReadOnlyList<ResourceKey> Watches { get; } = [EndpointResources.Services, EndpointResources.Pods, EndpointResources.Endpoints];

    // Every key costs a scan of its namespace's pods, and the work queue is FIFO: a short period would keep a large
    // cluster's queue full of no-op resyncs ahead of real events. Missed events are rare (the runner re-lists when a
    // watch is dropped), so five minutes is enough to heal one.
    public TimeSpan ResyncPeriod => TimeSpan.FromMinutes(5);

    public IEnumerable<ObjectKey> KeysFor(WatchEvent e)
    {
        var resource = e.Key.ResourceKey;
        if (resource == EndpointResources.Services) return [e.Key];
        if (resource == EndpointResources.Pods) return lister.ServicesSelecting(e.Key.Namespace, e.Object.Object, e.Previous?.Object);
        if (resource == EndpointResources.Endpoints && e.Type == "DELETED") return [EndpointResources.Service(e.Key.Namespace, e.Key.Name)];
        return [];
    }

    public IEnumerable<ObjectKey> AllKeys()
    {
        var keys = lister.AllServiceKeys().ToList();
        if (Interlocked.Increment(ref _passes) == 1)
        {
            var (endpoints, _) = store.List(EndpointResources.Endpoints, null);
            keys.AddRange(endpoints.Select(e => EndpointResources.Service(e.Object.Namespace() ?? "", e.Object.Name())));
        }
        return keys.Distinct();
    }

    public async Task ReconcileAsync(ObjectKey key, CancellationToken ct)
    {
        var service = lister.Service(key.Namespace, key.Name);
        if (service is null)
        {
            _triggers.Forget(key.Namespace, key.Name);
            if (store.Get(EndpointResources.EndpointsOf(key.Namespace, key.Name)) is { } leftover && !IsLeaderElectionRecord(leftover))
                await writer.DeleteEndpointsAsync(key.Namespace, key.Name, ct);
            return;
        }
        // Selector-less and ExternalName services: whoever wrote the Endpoints owns them.
        if (!ServiceFacts.HasSelector(service)) return;

        var pods = lister.PodsSelectedBy(service);
        var trigger = _triggers.Compute(service, pods);
        var desired = EndpointsPlanner.Desired(service, pods, trigger);
        var current = lister.Endpoints(key.Namespace, key.Name);
        if (current is null)
        {
            await writer.CreateEndpointsAsync(desired, ct);
            return;
        }
        if (!EndpointsPlanner.NeedsWrite(current, desired)) return;
        // Work on a copy: the lister's objects are shared.
        var copy = k8s.KubernetesJson.Deserialize<k8s.Models.V1Endpoints>(k8s.KubernetesJson.Serialize(current));
        await writer.UpdateEndpointsAsync(EndpointsPlanner.Merge(copy, desired), ct);
    }

    // Endpoints used as leader-election locks carry this annotation and are never treated as leftovers.
    private static bool IsLeaderElectionRecord(StoredObject endpoints) =>
        endpoints.Object.Meta()["annotations"]?["control-plane.alpha.kubernetes.io/leader"] is not null;
}
