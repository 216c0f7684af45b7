namespace Emulator.Domain.Proxy;

/// <summary>What the proxy programs for one Service: every frontend address with the route behind it, and its health checks.</summary>
public sealed record ServiceProxyPlan(IReadOnlyList<(ProxyFrontend Frontend, ServicePortRoute Route)> Frontends)
{
    public static readonly ServiceProxyPlan Empty = new([]);

    /// <summary>The health-check ports to serve (LoadBalancer with externalTrafficPolicy Local only), one per node.</summary>
    public IReadOnlyList<HealthCheckFrontend> HealthChecks { get; init; } = [];
}
