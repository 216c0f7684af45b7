using Emulator.Domain.Proxy;

namespace Emulator.Infrastructure.Proxy;

/// <summary>What a listener routes to right now; swapped atomically when the Service or its endpoints change.</summary>
public sealed record FrontendBinding(ProxyFrontend Frontend, ServicePortRoute Route, ClientIpAffinity? Affinity, IReadOnlyList<NodeAddress> Nodes)
{
    public RoutingDecision Decide(string clientIp)
    {
        var clientNode = Route.InternalLocal || Route.ExternalLocal ? EndpointSelection.ClientNode(clientIp, Nodes, Route.Endpoints) : null;
        return EndpointSelection.Route(Route, Frontend, clientIp, clientNode, Affinity, Random.Shared.Next);
    }
}
