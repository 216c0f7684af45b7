using System.Text.Json.Nodes;
using Emulator.Domain.Endpoints;
using Emulator.Domain.Resources;
using Emulator.Infrastructure.Storage;
using k8s.Models;

namespace Emulator.Infrastructure.Endpoints;

/// <summary>
/// Read side shared by the endpoint controllers: the store's in-memory snapshots play the informers' listers.
/// Selection runs on the stored JSON first, so only the pods a service selects are decoded.
/// </summary>
public sealed class EndpointsLister(ObjectStore store)
{
    public V1Service? Service(string ns, string name) =>
        store.Get(EndpointResources.Service(ns, name)) is { } s ? TypedObjects.As<V1Service>(s) : null;

    public V1Endpoints? Endpoints(string ns, string name) =>
        store.Get(EndpointResources.EndpointsOf(ns, name)) is { } e ? TypedObjects.As<V1Endpoints>(e) : null;

    /// <summary>Pods of the service's namespace whose labels its selector matches.</summary>
    public List<V1Pod> PodsSelectedBy(V1Service service)
    {
        if (service.Spec?.Selector is not { Count: > 0 } selector) return [];
        var (pods, _) = store.List(EndpointResources.Pods, service.Metadata.NamespaceProperty);
        return [.. pods.Where(p => Selects(selector, p.Object)).Select(TypedObjects.As<V1Pod>)];
    }

    public Dictionary<string, V1Node> Nodes()
    {
        var (nodes, _) = store.List(EndpointResources.Nodes, null);
        return nodes.Select(TypedObjects.As<V1Node>).ToDictionary(n => n.Metadata.Name, StringComparer.Ordinal);
    }

    /// <summary>Slices of a namespace labelled kubernetes.io/service-name=<paramref name="serviceName"/>.</summary>
    public List<V1EndpointSlice> SlicesOf(string ns, string serviceName)
    {
        var (slices, _) = store.List(EndpointResources.EndpointSlices, ns);
        return [.. slices.Where(s => s.Object.Meta()["labels"].Str(EndpointLabels.ServiceName) == serviceName)
            .Select(TypedObjects.As<V1EndpointSlice>)];
    }

    /// <summary>Keys of the selector services in <paramref name="ns"/> selecting an object with any of these label sets.</summary>
    public IEnumerable<ObjectKey> ServicesSelecting(string ns, params JsonObject?[] objects)
    {
        var labelSets = objects.Where(o => o is not null).Select(o => o!.Labels()).ToList();
        if (labelSets.Count == 0) return [];
        var (services, _) = store.List(EndpointResources.Services, ns);
        return services.Where(s => s.Object["spec"]?["selector"] is JsonObject { Count: > 0 } selector
                && labelSets.Any(labels => Selects(selector, labels)))
            .Select(s => EndpointResources.Service(ns, s.Object.Name()));
    }

    public IEnumerable<ObjectKey> AllServiceKeys()
    {
        var (services, _) = store.List(EndpointResources.Services, null);
        return services.Select(s => EndpointResources.Service(s.Object.Namespace() ?? "", s.Object.Name()));
    }

    private static bool Selects(IDictionary<string, string> selector, JsonObject obj) =>
        obj.Meta()["labels"] is JsonObject labels && selector.All(r => labels.Str(r.Key) == r.Value);

    private static bool Selects(JsonObject selector, IReadOnlyDictionary<string, string> labels) =>
        selector.All(r => r.Value is JsonValue v && v.TryGetValue<string>(out var want) && labels.TryGetValue(r.Key, out var have) && have == want);
}
