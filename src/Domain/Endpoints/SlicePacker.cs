using k8s.Models;

namespace Emulator.Domain.Endpoints;

/// <summary>
/// The packing step of kubernetes/endpointslice reconciler.go reconcileByAddressType, for one address type:
/// existing slices are updated in place where possible (an endpoint stays in the slice it is in), slices whose
/// port set is no longer wanted or that would end up empty are deleted, new endpoints fill the fullest slices
/// with room first, and what is left goes into new slices of at most <c>max</c> endpoints.
/// </summary>
public sealed class SlicePacker(int max, Func<IList<Discoveryv1EndpointPort>, List<V1Endpoint>, V1EndpointSlice> newSlice,
    Func<V1EndpointSlice, List<V1Endpoint>, V1EndpointSlice> refreshed)
{
    /// <summary>A desired group: the endpoints sharing one port set.</summary>
    public sealed record Group(IList<Discoveryv1EndpointPort> Ports, List<V1Endpoint> Endpoints);

    public (List<V1EndpointSlice> Create, List<V1EndpointSlice> Update, List<V1EndpointSlice> Delete) Pack(
        IEnumerable<V1EndpointSlice> existing, IReadOnlyDictionary<string, Group> desired, bool placeholder)
    {
        var create = new List<V1EndpointSlice>();
        var update = new List<V1EndpointSlice>();
        var delete = new List<V1EndpointSlice>();
        var remaining = desired.ToDictionary(g => g.Key, g =>
        {
            var byKey = new Dictionary<string, V1Endpoint>(StringComparer.Ordinal);
            foreach (var e in g.Value.Endpoints) byKey.TryAdd(SliceEndpoints.Key(e), e);
            return byKey;
        }, StringComparer.Ordinal);
        var kept = new List<(V1EndpointSlice Slice, string Key, List<V1Endpoint> Endpoints)>();
        var existingList = existing.OrderBy(s => s.Metadata?.Name, StringComparer.Ordinal).ToList();
        foreach (var slice in existingList)
        {
            var key = SliceEndpoints.PortKey(slice.Ports);
            if (!remaining.TryGetValue(key, out var wanted))
            {
                delete.Add(slice);
                continue;
            }
            var endpoints = new List<V1Endpoint>();
            foreach (var e in slice.Endpoints ?? [])
                if (wanted.Remove(SliceEndpoints.Key(e), out var fresh)) endpoints.Add(fresh);
            if (endpoints.Count == 0) delete.Add(slice);
            else kept.Add((slice, key, endpoints));
        }

        foreach (var (key, rest) in remaining)
        {
            if (rest.Count == 0) continue;
            var queue = new Queue<V1Endpoint>(rest.Values.OrderBy(SliceEndpoints.AddressOrder, StringComparer.Ordinal));
            foreach (var slot in kept.Where(k => k.Key == key).OrderByDescending(k => k.Endpoints.Count))
                while (slot.Endpoints.Count < max && queue.Count > 0) slot.Endpoints.Add(queue.Dequeue());
            while (queue.Count > 0)
            {
                var chunk = new List<V1Endpoint>();
                while (chunk.Count < max && queue.Count > 0) chunk.Add(queue.Dequeue());
                create.Add(newSlice(desired[key].Ports, chunk));
            }
        }

        foreach (var (slice, _, endpoints) in kept)
        {
            var next = refreshed(slice, endpoints);
            if (!SliceEndpoints.SameContent(slice, next)) update.Add(next);
        }

        // When no slice would exist, one placeholder without endpoints or ports stands for the service; an existing
        // placeholder is kept rather than deleted and re-created.
        if (placeholder && kept.Count == 0 && create.Count == 0)
        {
            var reusable = delete.FirstOrDefault(s => s.Endpoints is not { Count: > 0 } && s.Ports is not { Count: > 0 });
            if (reusable is not null && delete.Count == 1)
            {
                delete.Clear();
                var next = refreshed(reusable, []);
                if (!SliceEndpoints.SameContent(reusable, next)) update.Add(next);
            }
            else
            {
                create.Add(newSlice([], []));
            }
        }
        return (create, update, delete);
    }
}
