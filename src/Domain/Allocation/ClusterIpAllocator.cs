using System.Net;

namespace Emulator.Domain.Allocation;

/// <summary>
/// ClusterIP allocation over one service CIDR, with the error texts of k/k pkg/registry/core/service/ipallocator
/// (interfaces.go ErrAllocated/ErrFull, ErrNotInRange). Not thread-safe; the owner serializes access.
/// </summary>
public sealed class ClusterIpAllocator(IpRange range, Random? random = null)
{
    private readonly BandedBitmap _map = new(range.Usable, Math.Min(range.StaticBand, range.Usable), random);

    public IpRange Range { get; } = range;

    public int Used => _map.Used;

    public int Free => _map.Free;

    public bool Has(IPAddress ip) => Range.IndexOf(ip) is { } i && _map.Has(i);

    /// <summary>Takes a user-chosen address.</summary>
    /// <exception cref="AllocationException">outside the range, or already held</exception>
    public void Allocate(IPAddress ip)
    {
        var index = Check(ip);
        if (!_map.Allocate(index)) throw Allocated();
    }

    /// <summary>Throws what <see cref="Allocate"/> would, without taking the address (dry run).</summary>
    public void CheckFree(IPAddress ip)
    {
        if (_map.Has(Check(ip))) throw Allocated();
    }

    /// <summary>Takes a free address, dynamic band first.</summary>
    public IPAddress AllocateNext() =>
        _map.AllocateNext() is { } index ? Range.At(index) : throw new AllocationException(AllocationFailure.Full, "range is full");

    /// <summary>The address <see cref="AllocateNext"/> would pick, without taking it (dry run).</summary>
    public IPAddress PeekNext() =>
        _map.FindNext() is { } index ? Range.At(index) : throw new AllocationException(AllocationFailure.Full, "range is full");

    public void Release(IPAddress ip)
    {
        if (Range.IndexOf(ip) is { } index) _map.Release(index);
    }

    public void Clear() => _map.Clear();

    private int Check(IPAddress ip) =>
        Range.IndexOf(ip) ?? throw new AllocationException(AllocationFailure.NotInRange,
            $"the provided IP ({ip}) is not in the valid range. The range of valid IPs is {Range.Cidr}");

    private static AllocationException Allocated() => new(AllocationFailure.Allocated, "provided IP is already allocated");
}
