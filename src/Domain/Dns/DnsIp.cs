using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Emulator.Domain.Dns;

/// <summary>
/// IP parsing with Go's net.ParseIP rules, which CoreDNS uses to tell an address from a host name: IPv4 only as four
/// decimal octets without leading zeros (unlike IPAddress.TryParse, which also takes "1" or "0x7f.1"), IPv6 with colons
/// and no zone.
/// </summary>
public static class DnsIp
{
    public static IPAddress? Parse(string text)
    {
        if (text.Contains(':'))
            return !text.Contains('%') && IPAddress.TryParse(text, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6 ? v6 : null;
        var parts = text.Split('.');
        if (parts.Length != 4) return null;
        var bytes = new byte[4];
        for (var i = 0; i < 4; i++)
        {
            var p = parts[i];
            if (p.Length is 0 or > 3 || (p.Length > 1 && p[0] == '0') || !p.All(char.IsAsciiDigit)) return null;
            var value = int.Parse(p, CultureInfo.InvariantCulture);
            if (value > 255) return null;
            bytes[i] = (byte)value;
        }
        return new IPAddress(bytes);
    }

    /// <summary>
    /// The address a reverse name stands for (miekg/dns ExtractAddressFromReverse): four labels under in-addr.arpa,
    /// or 32 nibbles under ip6.arpa; null otherwise. <paramref name="name"/> is lower case and absolute.
    /// </summary>
    public static string? FromReverse(string name)
    {
        if (name.EndsWith(".in-addr.arpa.", StringComparison.Ordinal))
        {
            var labels = DnsNames.Labels(name[..^".in-addr.arpa.".Length]);
            if (labels.Length != 4) return null;
            Array.Reverse(labels);
            return Parse(string.Join('.', labels))?.ToString();
        }
        if (name.EndsWith(".ip6.arpa.", StringComparison.Ordinal))
        {
            var labels = DnsNames.Labels(name[..^".ip6.arpa.".Length]);
            if (labels.Length != 32 || labels.Any(l => l.Length != 1 || !char.IsAsciiHexDigit(l[0]))) return null;
            Array.Reverse(labels);
            var hex = string.Concat(labels);
            var groups = Enumerable.Range(0, 8).Select(i => hex.Substring(i * 4, 4));
            return IPAddress.Parse(string.Join(':', groups)).ToString();
        }
        return null;
    }

    public static bool IsReverse(string name) =>
        name.EndsWith(".in-addr.arpa.", StringComparison.Ordinal) || name.EndsWith(".ip6.arpa.", StringComparison.Ordinal);
}
