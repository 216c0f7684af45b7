namespace Emulator.Domain.Dns;

/// <summary>The query types the cluster zone distinguishes (RFC 1035 / 3596 / 2782 codes).</summary>
public enum DnsRecordType : ushort
{
    A = 1,
    Ns = 2,
    Cname = 5,
    Soa = 6,
    Ptr = 12,
    Mx = 15,
    Txt = 16,
    Aaaa = 28,
    Srv = 33,
    Ixfr = 251,
    Axfr = 252,
}
