using System.Net;
using System.Net.Sockets;

namespace Emulator.Domain.Allocation;

/// <summary>
/// A service CIDR. Usable addresses exclude the network address and, for IPv4, the broadcast address
/// (k/k pkg/registry/core/service/ipallocator/bitmap.go NewAllocatorCIDRRange); index 0 is the first usable address.
/// </summary>
public sealed class IpRange
{
    // The bitmap allocator caps a range at 2^16 entries for IPv6 (bitmap.go); we apply the same cap to both
    // families beyond /12 so a bitmap stays small.
    private const long MaxEntries = 1L << 20;

    private IpRange(string cidr, IPAddress network, int prefix)
    {
        Cidr = cidr;
        Network = network;
        Prefix = prefix;
        Family = network.AddressFamily == AddressFamily.InterNetwork ? "IPv4" : "IPv6";
        var bits = network.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        TotalSize = bits - prefix >= 62 ? long.MaxValue : 1L << (bits - prefix);
        var usable = Family == "IPv4" ? TotalSize - 2 : TotalSize - 1;
        Usable = (int)Math.Clamp(usable, 0, MaxEntries);
        _base = ToNumber(network);
    }

    private readonly UInt128 _base;

    /// <summary>The CIDR as written in error messages ("127.96.0.0/12").</summary>
    public string Cidr { get; }

    public IPAddress Network { get; }

    public int Prefix { get; }

    /// <summary>"IPv4" or "IPv6", as spec.ipFamilies spells it.</summary>
    public string Family { get; }

    /// <summary>Every address of the CIDR, network and broadcast included (netutils.RangeSize).</summary>
    public long TotalSize { get; }

    /// <summary>How many addresses the allocator hands out.</summary>
    public int Usable { get; }

    /// <summary>
    /// The static band: min(max(16, size/16), 256) addresses, 0 when the CIDR has 16 or fewer
    /// (ipallocator/bitmap.go calculateRangeOffset).
    /// </summary>
    public int StaticBand
    {
        get
        {
            if (TotalSize <= 16) return 0;
            var offset = TotalSize / 16;
            return (int)Math.Clamp(offset, 16, 256);
        }
    }

    public static IpRange Parse(string cidr)
    {
        var slash = cidr.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !IPAddress.TryParse(cidr[..slash], out var address) || !int.TryParse(cidr[(slash + 1)..], out var prefix))
            throw new FormatException($"invalid CIDR \"{cidr}\"");
        var bits = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        if (prefix < 0 || prefix > bits) throw new FormatException($"invalid CIDR \"{cidr}\"");
        var mask = prefix == 0 ? UInt128.Zero : UInt128.MaxValue << (128 - prefix);
        if (bits == 32) mask >>= 96;
        var network = FromNumber(ToNumber(address) & mask, address.AddressFamily);
        return new IpRange($"{network}/{prefix}", network, prefix);
    }

    /// <summary>The slot of an address, or null when it is outside the usable addresses.</summary>
    public int? IndexOf(IPAddress address)
    {
        if (address.AddressFamily != Network.AddressFamily) return null;
        var n = ToNumber(address);
        if (n <= _base) return null;
        var offset = n - _base - 1;
        return offset < (UInt128)Usable ? (int)offset : null;
    }

    public IPAddress At(int index) => FromNumber(_base + 1 + (UInt128)index, Network.AddressFamily);

    private static UInt128 ToNumber(IPAddress address)
    {
        UInt128 n = 0;
        foreach (var b in address.GetAddressBytes()) n = (n << 8) | b;
        return n;
    }

    private static IPAddress FromNumber(UInt128 n, AddressFamily family)
    {
        var bytes = new byte[family == AddressFamily.InterNetwork ? 4 : 16];
        for (var i = bytes.Length - 1; i >= 0; i--)
        {
            bytes[i] = (byte)(n & 0xFF);
            n >>= 8;
        }
        return new IPAddress(bytes);
    }
}
