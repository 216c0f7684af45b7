namespace Emulator.Domain.Dns;

/// <summary>The result of a backend lookup: the candidates, or a name error (NXDOMAIN) when nothing exists by that name.</summary>
internal readonly record struct DnsLookup(IReadOnlyList<DnsBackend> Items, bool NameError)
{
    public static DnsLookup NoSuchName { get; } = new([], true);

    public static DnsLookup Empty { get; } = new([], false);
}
