namespace Emulator.Domain.Allocation;

/// <summary>
/// NodePort (and healthCheckNodePort) allocation over --service-node-port-range, with the error texts of
/// k/k pkg/registry/core/service/portallocator/allocator.go. Not thread-safe; the owner serializes access.
/// </summary>
public sealed class NodePortAllocator(PortRange range, Random? random = null)
{
    private readonly BandedBitmap _map = new(range.Size, StaticBand(range.Size), random);

    public PortRange Range { get; } = range;

    public int Used => _map.Used;

    public int Free => _map.Free;

    /// <summary>min(max(16, size/32), 128), 0 for ranges of 16 or fewer ports (allocator.go calculateRangeOffset).</summary>
    public static int StaticBand(int size) => size <= 16 ? 0 : Math.Clamp(size / 32, 16, 128);

    public bool Has(int port) => Range.Contains(port) && _map.Has(port - Range.Base);

    public void Allocate(int port)
    {
        Check(port);
        if (!_map.Allocate(port - Range.Base)) throw Allocated();
    }

    public void CheckFree(int port)
    {
        Check(port);
        if (_map.Has(port - Range.Base)) throw Allocated();
    }

    public int AllocateNext() =>
        _map.AllocateNext() is { } index ? Range.Base + index : throw new AllocationException(AllocationFailure.Full, "range is full");

    public int PeekNext() =>
        _map.FindNext() is { } index ? Range.Base + index : throw new AllocationException(AllocationFailure.Full, "range is full");

    public void Release(int port)
    {
        if (Range.Contains(port)) _map.Release(port - Range.Base);
    }

    public void Clear() => _map.Clear();

    private void Check(int port)
    {
        if (!Range.Contains(port))
            throw new AllocationException(AllocationFailure.NotInRange,
                $"provided port is not in the valid range. The range of valid ports is {Range}");
    }

    private static AllocationException Allocated() => new(AllocationFailure.Allocated, "provided port is already allocated");
}
