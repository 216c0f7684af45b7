using System.Text.Json.Nodes;
using Emulator.Domain.Workloads;

namespace Emulator.Domain.Tests.Workloads;

/// <summary>The TaintToleration and NodeAffinity filters the scheduler gained for DaemonSet pods (and any other).</summary>
public sealed class SchedulerTaintAndAffinityTests
{
    private static JsonObject Node(int index, string? taints = null)
    {
        var node = SimulatedNodes.Create(index, "127.244.0.0/16");
        node["status"]!["conditions"] = SimulatedNodes.Conditions("2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z");
        if (taints is not null) node["spec"]!["taints"] = JsonNode.Parse(taints);
        return node;
    }

    private static JsonObject Pod(string spec) => new() { ["metadata"] = new JsonObject { ["name"] = "p" }, ["spec"] = JsonNode.Parse(spec) };

    [Fact]
    public void A_pod_pinned_by_match_fields_lands_on_its_node_even_when_others_are_less_loaded()
    {
        var nodes = new[] { Node(1), Node(2), Node(3) };
        var pod = Pod("""{"affinity":{"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[{"matchFields":[{"key":"metadata.name","operator":"In","values":["node-3"]}]}]}}}}""");

        Assert.Equal("node-3", SchedulerPlanner.Schedule(pod, nodes, new Dictionary<string, int> { ["node-3"] = 5 }).NodeName);
    }

    [Fact]
    public void Untolerated_no_schedule_taints_keep_pods_off_and_are_named_in_the_failure()
    {
        var nodes = new[] { Node(1, """[{"key":"dedicated","value":"infra","effect":"NoSchedule"}]"""), Node(2, """[{"key":"soft","effect":"PreferNoSchedule"}]""") };

        Assert.Equal("node-2", SchedulerPlanner.Schedule(Pod("{}"), nodes, new Dictionary<string, int> { ["node-2"] = 9 }).NodeName);
        var tolerating = Pod("""{"tolerations":[{"key":"dedicated","operator":"Equal","value":"infra","effect":"NoSchedule"}]}""");
        Assert.Equal("node-1", SchedulerPlanner.Schedule(tolerating, nodes, new Dictionary<string, int> { ["node-2"] = 9 }).NodeName);

        var decision = SchedulerPlanner.Schedule(Pod("""{"nodeSelector":{"kubernetes.io/hostname":"node-1"}}"""), [nodes[0]], new Dictionary<string, int>());
        Assert.StartsWith("0/1 nodes are available: 1 node(s) had untolerated taint {dedicated: infra}.", decision.FailureMessage, StringComparison.Ordinal);
    }
}
