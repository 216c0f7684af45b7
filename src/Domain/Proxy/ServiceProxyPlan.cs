namespace Emulator.Domain.Proxy;

/// <summary>What the proxy programs for one Service: every frontend address with the route behind it.</summary>
public sealed record ServiceProxyPlan(IReadOnlyList<(ProxyFrontend Frontend, ServicePortRoute Route)> Frontends)
{
    public static readonly ServiceProxyPlan Empty = new([]);
}
