namespace Emulator.Domain.Proxy;

/// <summary>
/// An address the proxy listens on for one service port. <see cref="NodeName"/> is the node whose InternalIP this
/// is (NodePorts on node addresses only); null for ClusterIPs, 127.0.0.1 NodePorts and external IPs.
/// </summary>
public sealed record ProxyFrontend(string Address, int Port, string Protocol, FrontendScope Scope, string? NodeName)
{
    /// <summary>
    /// spec.loadBalancerSourceRanges, on LoadBalancer ingress IPs only: clients outside every range are dropped,
    /// as kube-proxy's KUBE-FW chain does. Empty means every client.
    /// </summary>
    public IReadOnlyList<string> SourceRanges { get; init; } = [];

    public bool Admits(string clientIp)
    {
        if (SourceRanges.Count == 0) return true;
        if (!System.Net.IPAddress.TryParse(clientIp, out var client)) return false;
        foreach (var range in SourceRanges)
            if (System.Net.IPNetwork.TryParse(range.Trim(), out var network) && network.Contains(client)) return true;
        return false;
    }

    public override string ToString() => $"{Address}:{Port}/{Protocol}";
}
