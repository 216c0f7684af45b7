using System.Text.Json.Nodes;
using Emulator.Domain.Workloads;

namespace Emulator.Domain.Tests.Workloads;

/// <summary>checkPausedConditions and the progress deadline of syncRolloutStatus, plus proportional scaling.</summary>
public sealed class DeploymentProgressTests
{
    private const string Start = "2026-01-01T00:00:00Z";

    private static JsonObject Deployment(int replicas, bool paused = false, int? deadline = null, JsonObject? status = null)
    {
        var spec = new JsonObject
        {
            ["replicas"] = replicas, ["paused"] = paused,
            ["strategy"] = new JsonObject { ["type"] = "RollingUpdate", ["rollingUpdate"] = new JsonObject { ["maxSurge"] = "25%", ["maxUnavailable"] = "25%" } },
        };
        if (deadline is { } seconds) spec["progressDeadlineSeconds"] = seconds;
        return new JsonObject { ["metadata"] = new JsonObject { ["name"] = "web", ["generation"] = 2 }, ["spec"] = spec, ["status"] = status?.DeepClone() };
    }

    private static ReplicaSetView Rs(string name, int replicas, int available) => new(name, DateTimeOffset.UnixEpoch, replicas, replicas, available, available, 1);

    private static JsonObject Progressing(JsonObject status) =>
        status["conditions"]!.AsArray().OfType<JsonObject>().Single(c => (string?)c["type"] == "Progressing");

    [Fact]
    public void Pausing_sets_progressing_unknown_deployment_paused_and_resuming_deployment_resumed()
    {
        var rs = Rs("web-1", 3, 3);
        var paused = DeploymentStatusPlanner.Compute(Deployment(3, paused: true), [rs], rs, false, Start, rollout: false);
        Assert.Equal("Unknown", (string?)Progressing(paused)["status"]);
        Assert.Equal("DeploymentPaused", (string?)Progressing(paused)["reason"]);
        Assert.Equal("Deployment is paused", (string?)Progressing(paused)["message"]);
        Assert.Equal(2, (long?)paused["observedGeneration"]);

        // An unchanged template returns to NewReplicaSetAvailable in the same pass, so look at a rollout that is not complete.
        var newRs = Rs("web-2", 1, 0);
        var resumed = DeploymentStatusPlanner.Compute(Deployment(3, status: paused), [rs, newRs], newRs, false, "2026-01-01T00:01:00Z");
        Assert.Equal("DeploymentResumed", (string?)Progressing(resumed)["reason"]);
        Assert.Equal("Deployment is resumed", (string?)Progressing(resumed)["message"]);
    }

    [Fact]
    public void No_progress_past_the_deadline_times_out_and_stays_timed_out_when_paused()
    {
        var rs = Rs("web-2", 1, 0);
        var before = DeploymentStatusPlanner.Compute(Deployment(1, deadline: 10), [rs], rs, createdNewReplicaSet: true, Start);
        // The set's first replica is progress already (0 → 1 updated), as in the real controller.
        Assert.Equal("ReplicaSetUpdated", (string?)Progressing(before)["reason"]);

        var early = DeploymentStatusPlanner.Compute(Deployment(1, deadline: 10, status: before), [rs], rs, false, "2026-01-01T00:00:09Z");
        Assert.Equal("ReplicaSetUpdated", (string?)Progressing(early)["reason"]);

        var late = DeploymentStatusPlanner.Compute(Deployment(1, deadline: 10, status: early), [rs], rs, false, "2026-01-01T00:00:11Z");
        Assert.Equal("False", (string?)Progressing(late)["status"]);
        Assert.Equal("ProgressDeadlineExceeded", (string?)Progressing(late)["reason"]);
        Assert.Equal("ReplicaSet \"web-2\" has timed out progressing.", (string?)Progressing(late)["message"]);

        var paused = DeploymentStatusPlanner.Compute(Deployment(1, paused: true, deadline: 10, status: late), [rs], rs, false, "2026-01-01T00:00:12Z", rollout: false);
        Assert.Equal("ProgressDeadlineExceeded", (string?)Progressing(paused)["reason"]);
    }

    [Fact]
    public void The_deadline_check_is_due_one_second_after_the_deadline_and_not_at_all_once_complete()
    {
        var rs = Rs("web-2", 1, 0);
        var status = DeploymentStatusPlanner.Compute(Deployment(1, deadline: 10), [rs], rs, true, Start);
        status["observedGeneration"] = 2;

        Assert.Equal(TimeSpan.FromSeconds(7), DeploymentStatusPlanner.DeadlineCheckAfter(Deployment(1, deadline: 10, status: status),
            DateTimeOffset.Parse("2026-01-01T00:00:04Z", System.Globalization.CultureInfo.InvariantCulture)));
        var done = DeploymentStatusPlanner.Compute(Deployment(1, deadline: 10, status: status), [Rs("web-2", 1, 1)], Rs("web-2", 1, 1), false, Start);
        Assert.Null(DeploymentStatusPlanner.DeadlineCheckAfter(Deployment(1, deadline: 10, status: done), DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public void Without_a_progress_deadline_there_is_no_progressing_condition()
    {
        var rs = Rs("web-2", 1, 1);
        var status = DeploymentStatusPlanner.Compute(Deployment(1, deadline: int.MaxValue), [rs], rs, true, Start);
        Assert.DoesNotContain(status["conditions"]!.AsArray(), c => (string?)c!["type"] == "Progressing");
    }

    [Fact]
    public void Scaling_a_paused_rollout_shares_the_new_replicas_in_proportion()
    {
        // 10 replicas mid-rollout (8 old + 4 new, max 13 with a surge of 3), scaled to 20 (max 25): 13 more to share,
        // 7 and 4 by proportion (8·25/13 ≈ 15, 4·25/13 ≈ 8), the rounding leftover of 2 to the largest set.
        var spec = DeploymentSpecView.From(Deployment(20, paused: true));
        var old = new ReplicaSetView("web-1", DateTimeOffset.UnixEpoch, 8, 8, 8, 8, 1);
        var @new = new ReplicaSetView("web-2", DateTimeOffset.UnixEpoch.AddMinutes(1), 4, 4, 0, 0, 2);

        var sizes = RolloutMath.ProportionalSizes(spec, 12, [old, @new], new Dictionary<string, int> { ["web-1"] = 13, ["web-2"] = 13 });

        Assert.Equal(17, sizes["web-1"]);
        Assert.Equal(8, sizes["web-2"]);
    }
}
