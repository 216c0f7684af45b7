namespace Emulator.Domain.Dns;

/// <summary>
/// A name under the cluster zone, read the way CoreDNS's kubernetes plugin reads it (plugin/kubernetes/parse.go,
/// recordRequest). Empty strings mean "not given"; an empty <see cref="Port"/> or <see cref="Protocol"/> matches
/// any port (kubernetes.go matchPortAndProtocol), so <c>_._tcp</c> matches every TCP port as it does in CoreDNS.
/// </summary>
public sealed record DnsRequest(string PodOrSvc, string Namespace, string Service, string Endpoint, string Port, string Protocol)
{
    public const string Svc = "svc";
    public const string Pod = "pod";

    /// <summary>The zone apex, <c>svc.zone</c> and <c>pod.zone</c>: answered NODATA.</summary>
    public static DnsRequest Apex { get; } = new("", "", "", "", "", "");

    /// <summary>
    /// Parses a lower-case absolute name under <paramref name="zone"/>. Labels read right to left: pod|svc, namespace,
    /// service (or pod), then either one endpoint label or <c>_port._proto</c>; anything longer, or a second-level
    /// label other than svc/pod, is invalid (an NXDOMAIN answer). Null means invalid.
    /// </summary>
    public static DnsRequest? Parse(string name, string zone)
    {
        var segments = DnsNames.Labels(DnsNames.TrimZone(name, zone));
        if (segments is [] or [Svc] or [Pod]) return Apex;
        var last = segments.Length - 1;
        var podOrSvc = segments[last];
        if (podOrSvc is not (Pod or Svc)) return null;
        var request = Apex with { PodOrSvc = podOrSvc };
        if (--last < 0) return request;
        request = request with { Namespace = segments[last] };
        if (--last < 0) return request;
        request = request with { Service = segments[last] };
        if (--last < 0) return request;
        return last switch
        {
            0 => request with { Endpoint = segments[0] },
            1 => request with { Protocol = StripUnderscore(segments[1]), Port = StripUnderscore(segments[0]) },
            _ => null,
        };
    }

    private static string StripUnderscore(string label) => label.StartsWith('_') ? label[1..] : label;
}
