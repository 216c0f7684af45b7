using System.Globalization;

namespace Emulator.Domain.Allocation;

/// <summary>A port range written "30000-32767" (or a single "30000"), as --service-node-port-range takes it (k8s.io/apimachinery/pkg/util/net/port_range.go).</summary>
public sealed record PortRange(int Base, int Size)
{
    public int Last => Base + Size - 1;

    public bool Contains(int port) => port >= Base && port <= Last;

    public override string ToString() => $"{Base.ToString(CultureInfo.InvariantCulture)}-{Last.ToString(CultureInfo.InvariantCulture)}";

    public static PortRange Parse(string text)
    {
        var parts = text.Trim().Split('-', 2);
        var low = int.Parse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture);
        var high = parts.Length == 2 ? int.Parse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture) : low;
        if (low < 0 || high > 65535 || high < low) throw new FormatException($"invalid port range \"{text}\"");
        return new PortRange(low, high - low + 1);
    }
}
