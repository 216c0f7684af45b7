using System.Net;

namespace Emulator.Domain.Kubelet.Shell;

/// <summary>
/// The network a pod's processes see: its resolv.conf (the kubelet's ClusterFirst policy: the cluster DNS service as
/// nameserver, search &lt;ns&gt;.svc.&lt;zone&gt; svc.&lt;zone&gt; &lt;zone&gt;, ndots 5), DNS queries to that nameserver, and TCP
/// connections. Implemented by the kubelet over real loopback sockets; a connection failure throws
/// <see cref="PodNetworkException"/> with the errno text the C library would print.
/// </summary>
public interface IPodNetwork
{
    /// <summary>The nameserver line of the pod's resolv.conf.</summary>
    string NameServer { get; }

    /// <summary>The search line of the pod's resolv.conf, in order.</summary>
    IReadOnlyList<string> Search { get; }

    /// <summary>One query for an absolute name (no trailing dot needed) of type A (1), AAAA (28) or PTR (12).</summary>
    Task<DnsReply> QueryAsync(string name, int type, CancellationToken ct);

    /// <summary>A TCP connection to address:port, or <see cref="PodNetworkException"/> (refused, unreachable, timed out).</summary>
    Task<Stream> ConnectAsync(IPAddress address, int port, TimeSpan timeout, CancellationToken ct);
}

/// <summary>A DNS reply as a resolver reads it: the response code's name (NOERROR, NXDOMAIN, SERVFAIL, REFUSED), the addresses, and PTR targets.</summary>
public sealed record DnsReply(string Code, IReadOnlyList<IPAddress> Addresses, IReadOnlyList<string> Names)
{
    public bool NameError => Code == "NXDOMAIN";
}

/// <summary>A failed connect(): <see cref="Reason"/> is strerror's text, "Connection refused", "Connection timed out"...</summary>
public sealed class PodNetworkException(string reason, bool timedOut = false) : Exception(reason)
{
    public string Reason { get; } = reason;
    public bool TimedOut { get; } = timedOut;
}

/// <summary>The pod's /etc/resolv.conf as the kubelet writes it for dnsPolicy ClusterFirst.</summary>
public static class PodResolvConf
{
    public const int Ndots = 5;

    public static IReadOnlyList<string> SearchFor(string ns, string clusterDomain) =>
        [$"{ns}.svc.{clusterDomain}", $"svc.{clusterDomain}", clusterDomain];

    public static string Text(IPodNetwork network) =>
        $"search {string.Join(" ", network.Search)}\nnameserver {network.NameServer}\noptions ndots:{Ndots}\n";
}

/// <summary>
/// getaddrinfo() over the pod's resolv.conf (glibc and musl agree here): a name ending in a dot is looked up as is;
/// one with at least ndots dots is tried as is first and then under each search domain; a shorter one under each search
/// domain first and then as is. The first answer with addresses wins; NXDOMAIN and empty answers go on to the next.
/// </summary>
public static class PodResolver
{
    public static async Task<IReadOnlyList<IPAddress>> ResolveAsync(IPodNetwork network, string host, CancellationToken ct)
    {
        if (IPAddress.TryParse(host, out var literal)) return [literal];
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase)) return [IPAddress.Loopback];
        foreach (var name in Candidates(host, network.Search))
        {
            var reply = await network.QueryAsync(name, 1, ct);
            if (reply.Addresses.Count > 0) return reply.Addresses;
        }
        return [];
    }

    public static IReadOnlyList<string> Candidates(string host, IReadOnlyList<string> search)
    {
        if (host.EndsWith('.')) return [host.TrimEnd('.')];
        var searched = search.Select(d => $"{host}.{d}").ToList();
        return host.Count(c => c == '.') >= PodResolvConf.Ndots ? [host, .. searched] : [.. searched, host];
    }
}
