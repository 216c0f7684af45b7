namespace Emulator.Domain.Dns;

/// <summary>One resource record of an answer. Names are absolute (trailing dot); the server maps these to wire records.</summary>
public abstract record DnsRecord(string Name, int Ttl);
