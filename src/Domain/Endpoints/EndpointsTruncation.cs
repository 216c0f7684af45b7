using k8s.Models;

namespace Emulator.Domain.Endpoints;

/// <summary>
/// endpoints_controller.go truncateEndpoints: an Endpoints object holds at most 1000 addresses. Not-ready addresses
/// go first; if the ready ones alone exceed the cap they are cut too. Each subset keeps a share proportional to its
/// size, rounded up, so the last subsets may get fewer.
/// </summary>
public static class EndpointsTruncation
{
    public const int MaxCapacity = 1000;

    /// <summary>Truncates in place; true when something was cut (the over-capacity annotation is then set).</summary>
    public static bool Truncate(IList<V1EndpointSubset> subsets)
    {
        var totalReady = subsets.Sum(s => s.Addresses?.Count ?? 0);
        var totalNotReady = subsets.Sum(s => s.NotReadyAddresses?.Count ?? 0);
        if (totalReady + totalNotReady <= MaxCapacity) return false;

        var truncateReady = totalReady > MaxCapacity;
        var max = truncateReady ? MaxCapacity : MaxCapacity - totalReady;
        var total = truncateReady ? totalReady : totalNotReady;
        var canBeAdded = max;
        foreach (var subset in subsets)
        {
            var inSubset = truncateReady ? subset.Addresses?.Count ?? 0 : subset.NotReadyAddresses?.Count ?? 0;
            var toBeAdded = Math.Min((int)Math.Ceiling((double)inSubset / total * max), canBeAdded);
            if (truncateReady)
            {
                subset.Addresses = Take(subset.Addresses, toBeAdded);
                subset.NotReadyAddresses = null;
                canBeAdded -= subset.Addresses?.Count ?? 0;
            }
            else
            {
                subset.NotReadyAddresses = Take(subset.NotReadyAddresses, toBeAdded);
                canBeAdded -= subset.NotReadyAddresses?.Count ?? 0;
            }
        }
        return true;
    }

    private static List<V1EndpointAddress>? Take(IList<V1EndpointAddress>? addresses, int count) =>
        addresses is null || count <= 0 ? null : [.. addresses.Take(count)];
}
