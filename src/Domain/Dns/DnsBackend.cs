using System.Net;
using System.Net.Sockets;

namespace Emulator.Domain.Dns;

/// <summary>
/// One candidate answer before it becomes records, as CoreDNS's msg.Service: <see cref="Host"/> is an IP (an address
/// record), a name (a CNAME) or empty with <see cref="Text"/> set (a TXT); <see cref="Target"/> is the name SRV and NS
/// records point at (CoreDNS's msg.Domain(Key)).
/// </summary>
internal sealed record DnsBackend(string Host, int Port, string Target, int Ttl, string? Text = null)
{
    public DnsRecordType HostType(out IPAddress? address)
    {
        address = null;
        if (Text is not null) return DnsRecordType.Txt;
        address = DnsIp.Parse(Host);
        if (address is null) return DnsRecordType.Cname;
        return address.AddressFamily == AddressFamily.InterNetwork ? DnsRecordType.A : DnsRecordType.Aaaa;
    }
}
