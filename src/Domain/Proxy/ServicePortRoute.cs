namespace Emulator.Domain.Proxy;

/// <summary>
/// Everything needed to route a new connection for one service port (kube-proxy's ServicePortName key:
/// namespace/name:portName, protocol): its endpoints and the policies that narrow them.
/// </summary>
public sealed record ServicePortRoute(
    string Namespace,
    string Service,
    string PortName,
    string Protocol,
    IReadOnlyList<ProxyEndpoint> Endpoints,
    bool InternalLocal,
    bool ExternalLocal,
    TimeSpan? AffinityTimeout)
{
    public string Display => PortName.Length == 0 ? $"{Namespace}/{Service}" : $"{Namespace}/{Service}:{PortName}";

    /// <summary>kube-proxy rejects every frontend of a service port with no usable endpoints in the cluster-wide set.</summary>
    public bool HasEndpoints => EndpointSelection.Eligible(Endpoints, null).Count > 0;
}
