using k8s.Models;

namespace Emulator.Domain.Endpoints;

/// <summary>What a slice reconciler must write: new slices (named by generateName), in-place updates (carrying the
/// stored name and resourceVersion) and slices to delete.</summary>
public sealed record SlicePlan(IReadOnlyList<V1EndpointSlice> Create, IReadOnlyList<V1EndpointSlice> Update, IReadOnlyList<V1EndpointSlice> Delete)
{
    public bool IsEmpty => Create.Count == 0 && Update.Count == 0 && Delete.Count == 0;
}
