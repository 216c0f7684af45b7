using Emulator.Domain.Proxy;

namespace Emulator.Domain.Tests.Proxy;

public sealed class ClientIpAffinityTests
{
    private static readonly ProxyEndpoint A = new("127.244.1.2", 80, null, true, true, false);
    private static readonly ProxyEndpoint B = new("127.244.1.3", 80, null, true, true, false);
    private static readonly ProxyFrontend Frontend = new("127.96.0.30", 80, "TCP", FrontendScope.ClusterIp, null);
    private static readonly ServicePortRoute Route = new("default", "sticky", "", "TCP", [A, B], false, false, TimeSpan.FromSeconds(10));

    private sealed class ManualTime : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void A_client_keeps_its_endpoint_while_it_reconnects_within_the_timeout()
    {
        var time = new ManualTime();
        var affinity = new ClientIpAffinity(TimeSpan.FromSeconds(10), time);
        var picks = new Queue<int>([1, 0, 0, 0]);
        var first = EndpointSelection.Route(Route, Frontend, "127.0.0.1", null, affinity, _ => picks.Dequeue());
        for (var i = 0; i < 3; i++)
        {
            time.Now += TimeSpan.FromSeconds(9);
            Assert.Equal(first, EndpointSelection.Route(Route, Frontend, "127.0.0.1", null, affinity, _ => picks.Dequeue()));
        }
    }

    [Fact]
    public void The_record_expires_after_the_timeout_without_new_connections()
    {
        var time = new ManualTime();
        var affinity = new ClientIpAffinity(TimeSpan.FromSeconds(10), time);
        EndpointSelection.Route(Route, Frontend, "127.0.0.1", null, affinity, _ => 1);
        time.Now += TimeSpan.FromSeconds(11);
        var next = EndpointSelection.Route(Route, Frontend, "127.0.0.1", null, affinity, _ => 0);
        Assert.Equal(A, Assert.IsType<RoutingDecision.Forward>(next).Endpoint);
    }

    [Fact]
    public void A_remembered_endpoint_that_is_gone_is_replaced()
    {
        var affinity = new ClientIpAffinity(TimeSpan.FromSeconds(10), new ManualTime());
        EndpointSelection.Route(Route, Frontend, "127.0.0.1", null, affinity, _ => 1);
        var withoutB = Route with { Endpoints = [A] };
        Assert.Equal(A, Assert.IsType<RoutingDecision.Forward>(EndpointSelection.Route(withoutB, Frontend, "127.0.0.1", null, affinity, _ => 0)).Endpoint);
    }

    [Fact]
    public void Different_clients_are_remembered_separately()
    {
        var affinity = new ClientIpAffinity(TimeSpan.FromSeconds(10), new ManualTime());
        EndpointSelection.Route(Route, Frontend, "127.0.0.1", null, affinity, _ => 0);
        EndpointSelection.Route(Route, Frontend, "127.0.0.2", null, affinity, _ => 1);
        Assert.Equal(A, affinity.Recall("127.0.0.1"));
        Assert.Equal(B, affinity.Recall("127.0.0.2"));
    }
}
