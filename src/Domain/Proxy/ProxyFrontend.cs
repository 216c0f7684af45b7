namespace Emulator.Domain.Proxy;

/// <summary>
/// An address the proxy listens on for one service port. <see cref="NodeName"/> is the node whose InternalIP this
/// is (NodePorts on node addresses only); null for ClusterIPs, 127.0.0.1 NodePorts and external IPs.
/// </summary>
public sealed record ProxyFrontend(string Address, int Port, string Protocol, FrontendScope Scope, string? NodeName)
{
    public override string ToString() => $"{Address}:{Port}/{Protocol}";
}
