namespace Emulator.Domain.Allocation;

/// <summary>
/// A bitmap of <c>size</c> slots split at <c>offset</c> into a static (lower) band and a dynamic (upper) band
/// (KEP-3070 / KEP-3668). Dynamic picks start at a random slot of the upper band and scan forward, wrapping inside
/// it, and fall back to the lower band only when the upper one is full: k/k pkg/registry/core/service/allocator/bitmap.go
/// (randomScanStrategyWithOffset). Not thread-safe; the owner serializes access.
/// </summary>
public sealed class BandedBitmap
{
    private readonly ulong[] _words;
    private readonly Random _random;

    public BandedBitmap(int size, int offset, Random? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        if (offset < 0 || offset > size) throw new ArgumentOutOfRangeException(nameof(offset));
        Size = size;
        Offset = offset;
        _words = new ulong[(size + 63) / 64];
        _random = random ?? Random.Shared;
    }

    public int Size { get; }

    /// <summary>Slots below this index form the static band, kept for user-chosen values.</summary>
    public int Offset { get; }

    public int Used { get; private set; }

    public int Free => Size - Used;

    public bool Has(int index) => index >= 0 && index < Size && (_words[index >> 6] & (1UL << (index & 63))) != 0;

    /// <summary>Marks a slot used; false when it already was.</summary>
    public bool Allocate(int index)
    {
        if (index < 0 || index >= Size) throw new ArgumentOutOfRangeException(nameof(index));
        ref var word = ref _words[index >> 6];
        var bit = 1UL << (index & 63);
        if ((word & bit) != 0) return false;
        word |= bit;
        Used++;
        return true;
    }

    public void Release(int index)
    {
        if (index < 0 || index >= Size) return;
        ref var word = ref _words[index >> 6];
        var bit = 1UL << (index & 63);
        if ((word & bit) == 0) return;
        word &= ~bit;
        Used--;
    }

    /// <summary>A free slot, upper band first, without taking it; null when the map is full.</summary>
    public int? FindNext() => Scan(Offset, Size) ?? Scan(0, Offset);

    /// <summary>Takes a free slot, upper band first; null when the map is full.</summary>
    public int? AllocateNext()
    {
        var index = FindNext();
        if (index is { } i) Allocate(i);
        return index;
    }

    public void Clear()
    {
        Array.Clear(_words);
        Used = 0;
    }

    private int? Scan(int from, int to)
    {
        var count = to - from;
        if (count <= 0) return null;
        var start = _random.Next(count);
        for (var step = 0; step < count; step++)
        {
            var index = from + ((start + step) % count);
            if (!Has(index)) return index;
        }
        return null;
    }
}
