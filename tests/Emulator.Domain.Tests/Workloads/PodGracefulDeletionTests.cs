using System.Text.Json.Nodes;
using Emulator.Domain.Resources.Core.Pods;

namespace Emulator.Domain.Tests.Workloads;

public sealed class PodGracefulDeletionTests
{
    private static JsonObject Pod(string? node, string phase = "Running", long? grace = null)
    {
        var spec = new JsonObject { ["nodeName"] = node };
        if (grace is not null) spec["terminationGracePeriodSeconds"] = grace;
        return new JsonObject { ["metadata"] = new JsonObject { ["name"] = "p" }, ["spec"] = spec, ["status"] = new JsonObject { ["phase"] = phase } };
    }

    [Theory]
    [InlineData("node-1", "Running", null, null, 30L)]
    [InlineData("node-1", "Running", 5L, null, 5L)]
    [InlineData("node-1", "Running", 5L, 2L, 2L)]
    [InlineData("node-1", "Running", null, 0L, null)]
    [InlineData(null, "Pending", null, null, null)]
    [InlineData("node-1", "Succeeded", null, null, null)]
    [InlineData("node-1", "Failed", null, null, null)]
    public void Scheduled_unfinished_pods_linger_for_their_grace_period(string? node, string phase, long? specGrace, long? requested, long? expected) =>
        Assert.Equal(expected, new PodStrategy().GracefulDeletePeriod(Pod(node, phase, specGrace), requested));
}
