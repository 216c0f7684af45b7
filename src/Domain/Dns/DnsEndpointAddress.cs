namespace Emulator.Domain.Dns;

/// <summary>One ready endpoint address and its optional hostname (EndpointSlice endpoints[].hostname).</summary>
public sealed record DnsEndpointAddress(string Ip, string Hostname)
{
    /// <summary>
    /// The label the address answers to under its service: the endpoint's hostname, else the IP with dots (or
    /// colons) turned into dashes, a trailing dash getting a "0" (CoreDNS kubernetes.go endpointHostname).
    /// </summary>
    public string Label
    {
        get
        {
            if (Hostname.Length > 0) return Hostname;
            if (Ip.Contains('.')) return Ip.Replace('.', '-');
            if (Ip.Contains(':'))
            {
                var dashed = Ip.Replace(':', '-');
                return dashed.EndsWith('-') ? dashed + "0" : dashed;
            }
            return "";
        }
    }
}
