namespace Emulator.Domain.Dns;

/// <summary>One question in the context of the zone it falls in; <see cref="Zone"/> keeps the query's case.</summary>
internal sealed record DnsQuestionContext(string QueryName, string Name, string Zone, string ZoneKey, ushort Type)
{
    public DnsQuestionContext WithName(string queryName, ushort type) =>
        this with { QueryName = queryName, Name = queryName.ToLowerInvariant(), Type = type };
}
