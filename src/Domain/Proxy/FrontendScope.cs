namespace Emulator.Domain.Proxy;

/// <summary>
/// How traffic reached the proxy, which decides the traffic policy that applies (services-spec §6.6 step 3):
/// a ClusterIP is internal; a NodePort, an externalIP or a LoadBalancer ingress IP is external.
/// </summary>
public enum FrontendScope
{
    ClusterIp,
    NodePort,
    External,
}
