namespace Emulator.Domain.Dns;

/// <summary>The response codes the cluster zone answers with (RFC 1035 §4.1.1).</summary>
public enum DnsResponseCode
{
    NoError = 0,
    FormatError = 1,
    ServerFailure = 2,
    NameError = 3,
    Refused = 5,
}
