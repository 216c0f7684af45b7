using System.Text.Json.Nodes;
using Emulator.Domain.Workloads;

namespace Emulator.Domain.Tests.Workloads;

public sealed class SchedulerPlannerTests
{
    private static JsonObject Node(int index, bool cordoned = false, string? zone = null)
    {
        var node = SimulatedNodes.Create(index, "127.244.0.0/16");
        node["status"]!["conditions"] = SimulatedNodes.Conditions("2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z");
        if (cordoned) node["spec"]!["unschedulable"] = true;
        if (zone is not null) node["metadata"]!["labels"]!["zone"] = zone;
        return node;
    }

    private static JsonObject Pod(string? zone = null) => new()
    {
        ["metadata"] = new JsonObject { ["name"] = "p" },
        ["spec"] = zone is null ? new JsonObject() : new JsonObject { ["nodeSelector"] = new JsonObject { ["zone"] = zone } },
    };

    [Fact]
    public void The_least_loaded_node_wins_and_ties_go_by_name()
    {
        var nodes = new[] { Node(1), Node(2), Node(3) };

        Assert.Equal("node-1", SchedulerPlanner.Schedule(Pod(), nodes, new Dictionary<string, int>()).NodeName);
        Assert.Equal("node-3", SchedulerPlanner.Schedule(Pod(), nodes, new Dictionary<string, int> { ["node-1"] = 2, ["node-2"] = 1 }).NodeName);
    }

    [Fact]
    public void Node_selector_and_cordons_filter_nodes()
    {
        var nodes = new[] { Node(1, cordoned: true, zone: "a"), Node(2, zone: "a"), Node(3, zone: "b") };

        Assert.Equal("node-2", SchedulerPlanner.Schedule(Pod("a"), nodes, new Dictionary<string, int> { ["node-2"] = 5 }).NodeName);
    }

    [Fact]
    public void A_pod_that_fits_nowhere_gets_the_scheduler_message()
    {
        var nodes = new[] { Node(1, cordoned: true), Node(2), Node(3) };

        var decision = SchedulerPlanner.Schedule(Pod("z"), nodes, new Dictionary<string, int>());

        Assert.Null(decision.NodeName);
        Assert.Equal(
            "0/3 nodes are available: 1 node(s) were unschedulable, 2 node(s) didn't match Pod's node affinity/selector. " +
            "no new claims to deallocate, preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
            decision.FailureMessage);
    }

    [Theory]
    [InlineData(1, "node-1", "127.18.0.2", "127.244.1.0/24")]
    [InlineData(3, "node-3", "127.18.0.4", "127.244.3.0/24")]
    public void Nodes_follow_the_address_plan(int index, string name, string ip, string cidr)
    {
        var node = SimulatedNodes.Create(index, "127.244.0.0/16");

        Assert.Equal(name, (string?)node["metadata"]!["name"]);
        Assert.Equal(ip, (string?)node["status"]!["addresses"]![0]!["address"]);
        Assert.Equal(cidr, (string?)node["spec"]!["podCIDR"]);
        Assert.Equal("v1.35.2", (string?)node["status"]!["nodeInfo"]!["kubeletVersion"]);
        Assert.Equal(index, SimulatedNodes.IndexOf(name));
    }

    [Fact]
    public void Pod_ips_start_at_two_reuse_released_addresses_and_respect_reservations()
    {
        var ips = new PodIpAllocator();
        ips.Reserve("127.244.1.0/24", "127.244.1.3");

        Assert.Equal("127.244.1.2", ips.Allocate("127.244.1.0/24"));
        Assert.Equal("127.244.1.4", ips.Allocate("127.244.1.0/24"));
        Assert.Equal("127.244.2.2", ips.Allocate("127.244.2.0/24"));
        ips.Release("127.244.1.0/24", "127.244.1.2");
        Assert.Equal("127.244.1.2", ips.Allocate("127.244.1.0/24"));
    }
}
