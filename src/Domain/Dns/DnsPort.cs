namespace Emulator.Domain.Dns;

/// <summary>A service or endpoint port. <see cref="Number"/> is -1 for CoreDNS's sentinel "no ports declared".</summary>
public sealed record DnsPort(string Name, string Protocol, int Number)
{
    public static DnsPort Sentinel { get; } = new("", "", -1);
}
