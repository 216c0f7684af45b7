using System.Net;

namespace Emulator.Infrastructure.Services;

/// <summary>The --load-balancer-range pool ("127.18.255.200-127.18.255.250", or a CIDR), in address order.</summary>
public sealed class LoadBalancerPool
{
    public LoadBalancerPool(string range)
    {
        var dash = range.IndexOf('-', StringComparison.Ordinal);
        if (dash > 0)
        {
            var first = Number(IPAddress.Parse(range[..dash].Trim()));
            var last = Number(IPAddress.Parse(range[(dash + 1)..].Trim()));
            Addresses = [.. Enumerable.Range(0, (int)Math.Max(0, last - first + 1)).Select(i => Address(first + (uint)i))];
        }
        else
        {
            var network = IPNetwork.Parse(range.Trim());
            var baseNumber = Number(network.BaseAddress);
            var size = 1u << (32 - network.PrefixLength);
            // Skip the network and broadcast addresses, as MetalLB does for CIDR pools by default.
            Addresses = [.. Enumerable.Range(1, (int)Math.Max(0, size - 2)).Select(i => Address(baseNumber + (uint)i))];
        }
    }

    public IReadOnlyList<string> Addresses { get; }

    public bool Contains(string ip) => Addresses.Contains(ip);

    private static uint Number(IPAddress ip)
    {
        var b = ip.GetAddressBytes();
        return ((uint)b[0] << 24) | ((uint)b[1] << 16) | ((uint)b[2] << 8) | b[3];
    }

    private static string Address(uint n) => new IPAddress([(byte)(n >> 24), (byte)(n >> 16), (byte)(n >> 8), (byte)n]).ToString();
}
