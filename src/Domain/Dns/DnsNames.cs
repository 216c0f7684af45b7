namespace Emulator.Domain.Dns;

/// <summary>Small helpers on absolute domain names held as strings.</summary>
public static class DnsNames
{
    public static string Absolute(string name) => name.EndsWith('.') ? name : name + ".";

    /// <summary>The labels of a name, without the root (miekg/dns SplitDomainName).</summary>
    public static string[] Labels(string name) =>
        name.TrimEnd('.').Split('.', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>True when <paramref name="name"/> is <paramref name="zone"/> or below it; both lower case and absolute.</summary>
    public static bool IsInZone(string name, string zone) =>
        zone == "." || name == zone || name.EndsWith("." + zone, StringComparison.Ordinal);

    /// <summary>The part of <paramref name="name"/> left of <paramref name="zone"/>, without the joining dot.</summary>
    public static string TrimZone(string name, string zone) =>
        name.Length <= zone.Length ? "" : name[..(name.Length - zone.Length - 1)];
}
