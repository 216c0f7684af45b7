namespace Emulator.Domain.Dns;

/// <summary>
/// What the zone answers to one question: the response code, the answer and additional sections, and the
/// authority section (the zone SOA on negative answers, as CoreDNS's plugin.BackendError writes it).
/// </summary>
public sealed record DnsAnswer(
    DnsResponseCode Code,
    IReadOnlyList<DnsRecord> Answers,
    IReadOnlyList<DnsRecord> Additional,
    IReadOnlyList<DnsRecord> Authority,
    bool Authoritative)
{
    public static DnsAnswer Refused { get; } = new(DnsResponseCode.Refused, [], [], [], false);

    public static DnsAnswer FormatError { get; } = new(DnsResponseCode.FormatError, [], [], [], false);
}
