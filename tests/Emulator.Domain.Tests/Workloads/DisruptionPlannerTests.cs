using System.Text.Json.Nodes;
using Emulator.Domain.Resources.Policy.PodDisruptionBudgets;
using Emulator.Domain.Workloads;

namespace Emulator.Domain.Tests.Workloads;

public sealed class DisruptionPlannerTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-01-01T00:10:00Z", System.Globalization.CultureInfo.InvariantCulture);

    private static JsonObject Budget(JsonObject spec, JsonObject? status = null, long generation = 1) => new()
    {
        ["metadata"] = new JsonObject { ["name"] = "web", ["namespace"] = "ns", ["generation"] = generation },
        ["spec"] = spec,
        ["status"] = status,
    };

    private static JsonObject Pod(string name, bool ready, string app = "web", bool terminating = false)
    {
        var meta = new JsonObject { ["name"] = name, ["namespace"] = "ns", ["labels"] = new JsonObject { ["app"] = app } };
        if (terminating) meta["deletionTimestamp"] = "2026-01-01T00:09:00Z";
        return new JsonObject
        {
            ["metadata"] = meta,
            ["status"] = new JsonObject
            {
                ["phase"] = "Running",
                ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = ready ? "True" : "False" }),
            },
        };
    }

    private static JsonObject Selector(string app) => new() { ["matchLabels"] = new JsonObject { ["app"] = app } };

    [Fact]
    public void Min_available_as_a_number_counts_the_selected_pods_and_allows_the_surplus()
    {
        var pdb = Budget(new JsonObject { ["minAvailable"] = 2, ["selector"] = Selector("web") });
        JsonObject[] pods = [Pod("a", true), Pod("b", true), Pod("c", true), Pod("d", false), Pod("e", true, terminating: true)];

        var status = DisruptionPlanner.Status(pdb, pods, _ => null, Now);

        Assert.Equal(5, (int?)status["expectedPods"]);
        Assert.Equal(2, (int?)status["desiredHealthy"]);
        Assert.Equal(3, (int?)status["currentHealthy"]);
        Assert.Equal(1, (int?)status["disruptionsAllowed"]);
        Assert.Equal(1, (long?)status["observedGeneration"]);
        var condition = status["conditions"]![0]!;
        Assert.Equal("DisruptionAllowed", (string?)condition["type"]);
        Assert.Equal("True", (string?)condition["status"]);
        Assert.Equal("SufficientPods", (string?)condition["reason"]);
    }

    [Fact]
    public void Max_unavailable_uses_the_scale_of_the_pods_controller()
    {
        var pdb = Budget(new JsonObject { ["maxUnavailable"] = "25%", ["selector"] = Selector("web") });
        JsonObject[] pods = [Pod("a", true), Pod("b", true), Pod("c", true)];

        var status = DisruptionPlanner.Status(pdb, pods, _ => ("deploy-uid", 4), Now);

        Assert.Equal(4, (int?)status["expectedPods"]);
        Assert.Equal(3, (int?)status["desiredHealthy"]);
        Assert.Equal(0, (int?)status["disruptionsAllowed"]);
        Assert.Equal("InsufficientPods", (string?)status["conditions"]![0]!["reason"]);
    }

    [Fact]
    public void A_recently_evicted_pod_does_not_count_as_healthy_and_stays_in_disrupted_pods()
    {
        var pdb = Budget(new JsonObject { ["minAvailable"] = 1, ["selector"] = Selector("web") },
            new JsonObject { ["disruptedPods"] = new JsonObject { ["a"] = "2026-01-01T00:09:30Z", ["gone"] = "2026-01-01T00:09:30Z" } });

        var status = DisruptionPlanner.Status(pdb, [Pod("a", true), Pod("b", true)], _ => null, Now);

        Assert.Equal(1, (int?)status["currentHealthy"]);
        Assert.Equal("{\"a\":\"2026-01-01T00:09:30Z\"}", status["disruptedPods"]!.ToJsonString());
    }

    [Fact]
    public void An_eviction_is_refused_with_the_budget_numbers_when_no_disruption_is_allowed()
    {
        var pdb = Budget(new JsonObject { ["minAvailable"] = 3, ["selector"] = Selector("web") },
            new JsonObject { ["observedGeneration"] = 1, ["disruptionsAllowed"] = 0, ["currentHealthy"] = 3, ["desiredHealthy"] = 3 });

        Assert.Equal((false, "The disruption budget web needs 3 healthy pods and has 3 currently"), DisruptionPlanner.Check(pdb, Pod("a", true)));
        // An unready pod may go while the application still has its healthy pods.
        Assert.Equal((true, (string?)null), DisruptionPlanner.Check(pdb, Pod("a", false)));
        var stale = Budget(pdb["spec"]!.DeepClone().AsObject(), pdb["status"]!.DeepClone().AsObject(), generation: 2);
        Assert.Equal((false, "The disruption budget web is still being processed by the server."), DisruptionPlanner.Check(stale, Pod("a", true)));
    }

    [Fact]
    public void A_null_selector_selects_nothing_and_an_empty_one_everything()
    {
        Assert.False(DisruptionPlanner.Selects(Budget(new JsonObject()), Pod("a", true)));
        Assert.True(DisruptionPlanner.Selects(Budget(new JsonObject { ["selector"] = new JsonObject() }), Pod("a", true, app: "other")));
        Assert.False(DisruptionPlanner.Selects(Budget(new JsonObject { ["selector"] = Selector("web") }), Pod("a", true, app: "other")));
    }

    [Fact]
    public void Both_bounds_at_once_are_invalid()
    {
        var errors = new PodDisruptionBudgetStrategy().Validate(Budget(new JsonObject { ["minAvailable"] = 1, ["maxUnavailable"] = "10%" })).ToList();

        Assert.Contains(errors, e => e.Field == "spec" && e.Message.EndsWith("minAvailable and maxUnavailable cannot be both set", StringComparison.Ordinal));
    }
}
