using System.Text.Json.Nodes;
using Emulator.Domain.Workloads;

namespace Emulator.Domain.Tests.Workloads;

public sealed class DeploymentStatusPlannerTests
{
    private const string Now = "2026-01-01T00:00:00Z";

    private static JsonObject Deployment(int replicas, long generation = 1, JsonObject? status = null) => new()
    {
        ["metadata"] = new JsonObject { ["name"] = "web", ["generation"] = generation },
        ["spec"] = new JsonObject
        {
            ["replicas"] = replicas,
            ["strategy"] = new JsonObject { ["type"] = "RollingUpdate", ["rollingUpdate"] = new JsonObject { ["maxSurge"] = "25%", ["maxUnavailable"] = "25%" } },
        },
        ["status"] = status,
    };

    private static ReplicaSetView Rs(int replicas, int ready) => new("web-5d4f8c7b9", DateTimeOffset.UnixEpoch, replicas, replicas, ready, ready, 1);

    private static JsonObject Condition(JsonObject status, string type) =>
        status["conditions"]!.AsArray().OfType<JsonObject>().Single(c => (string?)c["type"] == type);

    [Fact]
    public void A_fresh_rollout_is_unavailable_and_reports_the_created_set()
    {
        var rs = new ReplicaSetView("web-5d4f8c7b9", DateTimeOffset.UnixEpoch, 10, 0, 0, 0, 1);

        var status = DeploymentStatusPlanner.Compute(Deployment(10), [rs], rs, createdNewReplicaSet: true, Now);

        Assert.Equal("MinimumReplicasUnavailable", (string?)Condition(status, "Available")["reason"]);
        Assert.Equal("False", (string?)Condition(status, "Available")["status"]);
        Assert.Equal("NewReplicaSetCreated", (string?)Condition(status, "Progressing")["reason"]);
        Assert.Equal("Created new replica set \"web-5d4f8c7b9\"", (string?)Condition(status, "Progressing")["message"]);
        Assert.Equal(10, (int?)status["unavailableReplicas"]);
        Assert.Equal(1, (long?)status["observedGeneration"]);
    }

    [Fact]
    public void A_complete_rollout_is_available_and_successfully_progressed()
    {
        var rs = Rs(10, 10);

        var status = DeploymentStatusPlanner.Compute(Deployment(10), [rs], rs, createdNewReplicaSet: false, Now);

        Assert.Equal("MinimumReplicasAvailable", (string?)Condition(status, "Available")["reason"]);
        Assert.Equal("Deployment has minimum availability.", (string?)Condition(status, "Available")["message"]);
        Assert.Equal("NewReplicaSetAvailable", (string?)Condition(status, "Progressing")["reason"]);
        Assert.Equal("ReplicaSet \"web-5d4f8c7b9\" has successfully progressed.", (string?)Condition(status, "Progressing")["message"]);
        Assert.Equal(10, (int?)status["availableReplicas"]);
        Assert.Null(status["unavailableReplicas"]);
        Assert.Equal("Available", (string?)status["conditions"]![0]!["type"]);
    }

    [Fact]
    public void More_ready_pods_than_before_is_progress()
    {
        var before = new JsonObject { ["replicas"] = 10, ["updatedReplicas"] = 10, ["readyReplicas"] = 2, ["availableReplicas"] = 2 };
        var rs = Rs(10, 5);

        var status = DeploymentStatusPlanner.Compute(Deployment(10, status: before), [rs], rs, createdNewReplicaSet: false, Now);

        Assert.Equal("ReplicaSetUpdated", (string?)Condition(status, "Progressing")["reason"]);
        Assert.Equal("ReplicaSet \"web-5d4f8c7b9\" is progressing.", (string?)Condition(status, "Progressing")["message"]);
    }

    [Theory]
    [InlineData(10, 8, "True")]
    [InlineData(10, 7, "False")]
    [InlineData(0, 0, "True")]
    public void Available_needs_replicas_minus_max_unavailable(int replicas, int available, string expected)
    {
        var rs = Rs(replicas, available);

        var status = DeploymentStatusPlanner.Compute(Deployment(replicas), [rs], rs, createdNewReplicaSet: false, Now);

        Assert.Equal(expected, (string?)Condition(status, "Available")["status"]);
    }

    [Fact]
    public void Unchanged_conditions_keep_their_timestamps()
    {
        var rs = Rs(3, 3);
        var first = DeploymentStatusPlanner.Compute(Deployment(3), [rs], rs, false, Now);

        var second = DeploymentStatusPlanner.Compute(Deployment(3, status: first), [rs], rs, false, "2026-01-01T00:05:00Z");

        Assert.True(JsonNode.DeepEquals(first, second));
    }
}
