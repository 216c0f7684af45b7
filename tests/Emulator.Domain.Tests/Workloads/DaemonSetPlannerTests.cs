using System.Text.Json.Nodes;
using Emulator.Domain.Resources;
using Emulator.Domain.Resources.Apps.DaemonSets;
using Emulator.Domain.Workloads;

namespace Emulator.Domain.Tests.Workloads;

public sealed class DaemonSetPlannerTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-01-01T00:10:00Z", System.Globalization.CultureInfo.InvariantCulture);

    private static JsonObject DaemonSet(string? extraSpec = null, long templateGeneration = 2)
    {
        var ds = JsonNode.Parse(
            "{\"apiVersion\":\"apps/v1\",\"kind\":\"DaemonSet\"," +
            "\"metadata\":{\"name\":\"agent\",\"namespace\":\"default\",\"uid\":\"ds-uid\",\"generation\":2," +
            $"\"annotations\":{{\"deprecated.daemonset.template.generation\":\"{templateGeneration}\"}}}}," +
            "\"spec\":{\"selector\":{\"matchLabels\":{\"app\":\"agent\"}}," +
            "\"template\":{\"metadata\":{\"labels\":{\"app\":\"agent\"}},\"spec\":{\"containers\":[{\"name\":\"a\",\"image\":\"nginx\"}]}}" +
            extraSpec + "}}")!.AsObject();
        DaemonSetDefaults.Apply(ds);
        return ds;
    }

    private static JsonObject Node(string name, string? labels = null, string? taints = null, bool unschedulable = false) =>
        JsonNode.Parse(
            $"{{\"metadata\":{{\"name\":\"{name}\",\"labels\":{labels ?? "{}"}}}," +
            $"\"spec\":{{\"unschedulable\":{(unschedulable ? "true" : "false")},\"taints\":{taints ?? "[]"}}}}}")!.AsObject();

    private static JsonObject Pod(string name, string node, string hash, bool ready = true, string created = "2026-01-01T00:00:00Z",
        string phase = "Running", bool terminating = false)
    {
        var pod = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["name"] = name, ["creationTimestamp"] = created,
                ["labels"] = new JsonObject { ["app"] = "agent", [DaemonSetPlanner.RevisionHashLabel] = hash, [DaemonSetPlanner.TemplateGenerationLabel] = "0" },
            },
            ["spec"] = new JsonObject { ["nodeName"] = node },
            ["status"] = new JsonObject
            {
                ["phase"] = phase,
                ["conditions"] = new JsonArray(new JsonObject
                {
                    ["type"] = "Ready", ["status"] = ready ? "True" : "False", ["lastTransitionTime"] = "2026-01-01T00:00:00Z",
                }),
            },
        };
        if (terminating) pod.Meta()["deletionTimestamp"] = "2026-01-01T00:09:00Z";
        return pod;
    }

    private static readonly JsonObject[] ThreeNodes = [Node("node-1"), Node("node-2"), Node("node-3")];

    [Fact]
    public void New_pods_are_pinned_to_their_node_labelled_with_the_revision_and_tolerate_the_node_conditions()
    {
        var pod = DaemonSetPlanner.NewPod(DaemonSet(), "node-2", "abc12");

        Assert.Equal("agent-", (string?)pod["metadata"]!["generateName"]);
        Assert.Equal("abc12", (string?)pod["metadata"]!["labels"]![DaemonSetPlanner.RevisionHashLabel]);
        Assert.Equal("2", (string?)pod["metadata"]!["labels"]![DaemonSetPlanner.TemplateGenerationLabel]);
        Assert.Equal("DaemonSet", (string?)pod["metadata"]!["ownerReferences"]![0]!["kind"]);
        var term = pod["spec"]!["affinity"]!["nodeAffinity"]!["requiredDuringSchedulingIgnoredDuringExecution"]!["nodeSelectorTerms"]![0]!;
        Assert.Equal("""[{"key":"metadata.name","operator":"In","values":["node-2"]}]""", term["matchFields"]!.ToJsonString());
        var tolerations = pod["spec"]!["tolerations"]!.AsArray().Select(t => $"{t!["key"]}:{t["effect"]}").ToList();
        Assert.Equal(
        [
            "node.kubernetes.io/not-ready:NoExecute", "node.kubernetes.io/unreachable:NoExecute", "node.kubernetes.io/disk-pressure:NoSchedule",
            "node.kubernetes.io/memory-pressure:NoSchedule", "node.kubernetes.io/pid-pressure:NoSchedule", "node.kubernetes.io/unschedulable:NoSchedule",
        ], tolerations);
        Assert.Equal("node-2", NodePlacement.TargetNodeName(pod));
    }

    [Fact]
    public void Existing_affinity_terms_keep_their_expressions_and_get_the_node_field()
    {
        var ds = DaemonSet(""","x":1""");
        ds["spec"]!["template"]!["spec"]!["affinity"] = JsonNode.Parse("""
            {"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[{"matchExpressions":[{"key":"zone","operator":"In","values":["a"]}]}]}}}
            """);
        var term = DaemonSetPlanner.NewPod(ds, "node-1", "h")["spec"]!["affinity"]!["nodeAffinity"]!["requiredDuringSchedulingIgnoredDuringExecution"]!["nodeSelectorTerms"]![0]!;
        Assert.Equal("zone", (string?)term["matchExpressions"]![0]!["key"]);
        Assert.Equal("node-1", (string?)term["matchFields"]![0]!["values"]![0]);
        Assert.True(DaemonSetPlanner.ShouldRun(ds, Node("node-1", """{"zone":"a"}""")).ShouldRun);
        Assert.False(DaemonSetPlanner.ShouldRun(ds, Node("node-1", """{"zone":"b"}""")).ShouldRun);
    }

    [Fact]
    public void Node_selector_taints_and_cordoning_decide_which_nodes_run_a_daemon_pod()
    {
        var ds = DaemonSet();
        ds["spec"]!["template"]!["spec"]!["nodeSelector"] = new JsonObject { ["disk"] = "ssd" };

        Assert.Equal((false, false), DaemonSetPlanner.ShouldRun(ds, Node("n", """{"disk":"hdd"}""")));
        Assert.Equal((true, true), DaemonSetPlanner.ShouldRun(ds, Node("n", """{"disk":"ssd"}""")));
        // Daemon pods tolerate node.kubernetes.io/unschedulable: a cordoned node still runs one.
        Assert.Equal((true, true), DaemonSetPlanner.ShouldRun(ds, Node("n", """{"disk":"ssd"}""", unschedulable: true)));
        // NoSchedule: no new pod, the running one stays; NoExecute: it goes.
        Assert.Equal((false, true), DaemonSetPlanner.ShouldRun(ds, Node("n", """{"disk":"ssd"}""", """[{"key":"node-role.kubernetes.io/control-plane","effect":"NoSchedule"}]""")));
        Assert.Equal((false, false), DaemonSetPlanner.ShouldRun(ds, Node("n", """{"disk":"ssd"}""", """[{"key":"maintenance","value":"yes","effect":"NoExecute"}]""")));
        // The daemon tolerations cover the node-condition taints.
        Assert.Equal((true, true), DaemonSetPlanner.ShouldRun(ds, Node("n", """{"disk":"ssd"}""", """[{"key":"node.kubernetes.io/not-ready","effect":"NoExecute"}]""")));

        ds["spec"]!["template"]!["spec"]!["tolerations"] = JsonNode.Parse("""[{"key":"node-role.kubernetes.io/control-plane","operator":"Exists","effect":"NoSchedule"}]""");
        Assert.Equal((true, true), DaemonSetPlanner.ShouldRun(ds, Node("n", """{"disk":"ssd"}""", """[{"key":"node-role.kubernetes.io/control-plane","effect":"NoSchedule"}]""")));
    }

    [Fact]
    public void Manage_creates_on_empty_nodes_removes_failed_duplicate_and_misplaced_pods_and_waits_for_terminating_ones()
    {
        var ds = DaemonSet();
        var nodes = new[] { Node("node-1"), Node("node-2"), Node("node-3"), Node("node-4", taints: """[{"key":"k","effect":"NoExecute"}]""") };
        var pods = new[]
        {
            Pod("agent-old", "node-1", "h", created: "2026-01-01T00:00:00Z"),
            Pod("agent-dup", "node-1", "h", created: "2026-01-01T00:01:00Z"),
            Pod("agent-failed", "node-2", "h", phase: "Failed"),
            Pod("agent-gone", "node-3", "h", terminating: true),
            Pod("agent-evicted", "node-4", "h"),
            Pod("agent-orphan", "node-9", "h"),
        };

        var plan = DaemonSetPlanner.Manage(ds, nodes, pods);

        Assert.Empty(plan.NodesToCreate);
        Assert.Equal(["agent-dup", "agent-evicted", "agent-failed", "agent-orphan"], plan.PodsToDelete.Select(p => p["metadata"]!["name"]!.GetValue<string>()).Order());
        Assert.Equal(["node-1", "node-2", "node-3"], DaemonSetPlanner.Manage(ds, ThreeNodes, []).NodesToCreate);
    }

    [Fact]
    public void Rolling_update_without_surge_deletes_at_most_max_unavailable_available_old_pods_and_any_unavailable_one()
    {
        var ds = DaemonSet();
        var pods = new[] { Pod("a", "node-1", "old"), Pod("b", "node-2", "old"), Pod("c", "node-3", "old") };
        var plan = DaemonSetPlanner.RollingUpdate(ds, ThreeNodes, pods, "new", Now);
        Assert.Equal(["a"], plan.PodsToDelete.Select(p => p["metadata"]!["name"]!.GetValue<string>()));

        // node-1 is being replaced (its new pod not ready yet): nothing more may go, but an unready old pod always may.
        pods = [Pod("a2", "node-1", "new", ready: false), Pod("b", "node-2", "old"), Pod("c", "node-3", "old", ready: false)];
        plan = DaemonSetPlanner.RollingUpdate(ds, ThreeNodes, pods, "new", Now);
        Assert.Equal(["c"], plan.PodsToDelete.Select(p => p["metadata"]!["name"]!.GetValue<string>()));

        ds["spec"]!["updateStrategy"]!["rollingUpdate"]!["maxUnavailable"] = "100%";
        pods = [Pod("a", "node-1", "old"), Pod("b", "node-2", "old"), Pod("c", "node-3", "old")];
        Assert.Equal(3, DaemonSetPlanner.RollingUpdate(ds, ThreeNodes, pods, "new", Now).PodsToDelete.Count);
    }

    [Fact]
    public void Rolling_update_with_surge_creates_beside_old_pods_and_deletes_them_once_the_new_ones_are_available()
    {
        var ds = DaemonSet(""","updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":0,"maxSurge":1}}""");
        var pods = new[] { Pod("a", "node-1", "old"), Pod("b", "node-2", "old"), Pod("c", "node-3", "old") };
        var plan = DaemonSetPlanner.RollingUpdate(ds, ThreeNodes, pods, "new", Now);
        Assert.Equal(["node-1"], plan.NodesToCreate);
        Assert.Empty(plan.PodsToDelete);

        pods = [Pod("a", "node-1", "old"), Pod("a2", "node-1", "new"), Pod("b", "node-2", "old"), Pod("c", "node-3", "old")];
        plan = DaemonSetPlanner.RollingUpdate(ds, ThreeNodes, pods, "new", Now);
        Assert.Equal(["a"], plan.PodsToDelete.Select(p => p["metadata"]!["name"]!.GetValue<string>()));
        Assert.Equal(["node-2"], plan.NodesToCreate);
        // Surge is for rolling updates: manage() leaves the second pod of a node alone.
        Assert.True(DaemonSetPlanner.Manage(ds, ThreeNodes, pods).IsEmpty);
    }

    [Fact]
    public void Status_counts_nodes_by_their_oldest_pod_and_misscheduled_pods_apart()
    {
        var ds = DaemonSet();
        var nodes = new[] { Node("node-1"), Node("node-2"), Node("node-3"), Node("node-4", taints: """[{"key":"k","effect":"NoSchedule"}]""") };
        var pods = new[]
        {
            Pod("a", "node-1", "new"), Pod("b", "node-2", "old"), Pod("c", "node-2", "new", created: "2026-01-01T00:05:00Z"),
            Pod("d", "node-4", "new"),
        };

        var status = DaemonSetPlanner.Status(ds, nodes, pods, "new", Now);

        Assert.Equal("""{"currentNumberScheduled":2,"numberMisscheduled":1,"desiredNumberScheduled":3,"numberReady":2,"observedGeneration":2,"updatedNumberScheduled":1,"numberAvailable":2,"numberUnavailable":1}""",
            status.ToJsonString());
    }

    [Fact]
    public void Revisions_hold_the_template_as_a_replace_patch_and_old_ones_beyond_the_limit_go_unless_pods_run_them()
    {
        var ds = DaemonSet(""","revisionHistoryLimit":2""");
        var revision = DaemonSetHistory.NewRevision(ds, DaemonSetHistory.Hash(ds, null), 4);

        Assert.Equal($"agent-{DaemonSetHistory.Hash(ds, null)}", (string?)revision["metadata"]!["name"]);
        Assert.StartsWith("""{"spec":{"template":{"$patch":"replace","metadata":""", revision["data"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.True(DaemonSetHistory.Matches(ds, revision));
        Assert.Equal(4, DaemonSetHistory.Revision(revision));
        Assert.Equal("agent", (string?)revision["metadata"]!["labels"]!["app"]);

        JsonObject Old(string hash, long number) => new()
        {
            ["metadata"] = new JsonObject { ["name"] = $"agent-{hash}", ["labels"] = new JsonObject { [DaemonSetPlanner.RevisionHashLabel] = hash } },
            ["revision"] = number,
        };
        var old = new[] { Old("r3", 3), Old("r1", 1), Old("r2", 2) };
        var doomed = DaemonSetHistory.ToDelete(ds, old, [Pod("p", "node-1", "r1")]);
        Assert.Equal(["agent-r2"], doomed.Select(r => r["metadata"]!["name"]!.GetValue<string>()));
    }

    [Fact]
    public void Template_generation_moves_only_with_the_template()
    {
        var strategy = new DaemonSetStrategy();
        var created = DaemonSet();
        created.Meta().Remove("annotations");
        strategy.PrepareForCreate(created);
        Assert.Equal(1, DaemonSetDefaults.TemplateGeneration(created));

        var relabelled = (JsonObject)created.DeepClone();
        relabelled["spec"]!["minReadySeconds"] = 5;
        strategy.PrepareForUpdate(relabelled, created);
        Assert.Equal(1, DaemonSetDefaults.TemplateGeneration(relabelled));
        Assert.Equal(2L, (long?)relabelled.Meta()["generation"]);

        var reimaged = (JsonObject)relabelled.DeepClone();
        reimaged["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = "nginx:2";
        strategy.PrepareForUpdate(reimaged, relabelled);
        Assert.Equal(2, DaemonSetDefaults.TemplateGeneration(reimaged));
        Assert.Equal(3L, (long?)reimaged.Meta()["generation"]);
    }
}
