namespace Emulator.Domain.Proxy;

/// <summary>
/// What happens to a new connection (services-spec §6.6 step 5): forwarded to one endpoint, rejected (no endpoints:
/// connection refused) or dropped (endpoints exist, but none on the node a Local policy restricts to).
/// </summary>
public abstract record RoutingDecision
{
    public sealed record Forward(ProxyEndpoint Endpoint) : RoutingDecision;

    public sealed record Reject : RoutingDecision;

    public sealed record Drop : RoutingDecision;

    public static readonly RoutingDecision Rejected = new Reject();
    public static readonly RoutingDecision Dropped = new Drop();
}
