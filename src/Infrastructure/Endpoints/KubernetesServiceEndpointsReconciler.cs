using Emulator.Domain.Endpoints;
using Emulator.Infrastructure.Controllers.Framework;
using Emulator.Infrastructure.Storage;
using k8s;
using k8s.Models;

namespace Emulator.Infrastructure.Endpoints;

/// <summary>
/// The apiserver's endpoint reconciler for the <c>default/kubernetes</c> Service (k/k
/// pkg/controlplane/reconcilers/lease.go, endpointsadapter.go; re-checked every 10 s there too). The one apiserver
/// is this process, serving HTTPS on 127.0.0.1:<see cref="ClusterOptions.ApiPort"/>, so the Endpoints and the
/// slice named "kubernetes" point there. The Service itself is seeded elsewhere; while it does not exist there is
/// nothing to do.
/// </summary>
public sealed class KubernetesServiceEndpointsReconciler(ClusterOptions options, EndpointsLister lister, EndpointWriter writer) : IReconciler
{
    /// <summary>The address the API listens on (the --bind-address default).</summary>
    public const string ApiAddress = "127.0.0.1";

    private static readonly ObjectKey Key = EndpointResources.Service(KubernetesServiceEndpoints.Namespace, KubernetesServiceEndpoints.Name);

    public string Name => "kubernetes-service-endpoints";

    public IReadOnlyList<ResourceKey> Watches { get; } = [EndpointResources.Services, EndpointResources.Endpoints, EndpointResources.EndpointSlices];

    public TimeSpan ResyncPeriod => TimeSpan.FromSeconds(10);

    public IEnumerable<ObjectKey> KeysFor(WatchEvent e) =>
        e.Key.Namespace == KubernetesServiceEndpoints.Namespace && e.Key.Name == KubernetesServiceEndpoints.Name ? [Key] : [];

    public IEnumerable<ObjectKey> AllKeys() => [Key];

    public async Task ReconcileAsync(ObjectKey key, CancellationToken ct)
    {
        if (lister.Service(key.Namespace, key.Name) is null) return;
        var desired = KubernetesServiceEndpoints.Endpoints(ApiAddress, options.ApiPort);
        var current = lister.Endpoints(key.Namespace, key.Name);
        if (current is null) await writer.CreateEndpointsAsync(desired, ct);
        else if (EndpointsPlanner.NeedsWrite(current, desired) || !EndpointsPlanner.SameMap(current.Metadata.Labels, desired.Metadata.Labels))
        {
            var copy = KubernetesJson.Deserialize<V1Endpoints>(KubernetesJson.Serialize(current));
            copy.Metadata.Labels = desired.Metadata.Labels;
            copy.Subsets = desired.Subsets;
            await writer.UpdateEndpointsAsync(copy, ct);
        }

        var slice = KubernetesServiceEndpoints.Slice(ApiAddress, options.ApiPort);
        var existing = lister.SlicesOf(key.Namespace, key.Name).FirstOrDefault(s => s.Metadata.Name == KubernetesServiceEndpoints.Name);
        if (existing is null) await writer.CreateSliceAsync(slice, ct);
        else if (!SliceEndpoints.SameContent(existing, slice))
        {
            slice.Metadata.ResourceVersion = existing.Metadata.ResourceVersion;
            await writer.UpdateSliceAsync(slice, ct);
        }
    }
}
