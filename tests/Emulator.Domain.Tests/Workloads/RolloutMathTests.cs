using System.Text.Json.Nodes;
using Emulator.Domain.Workloads;

namespace Emulator.Domain.Tests.Workloads;

public sealed class RolloutMathTests
{
    private static DeploymentSpecView Spec(int replicas, string surge = "25%", string unavailable = "25%", string type = "RollingUpdate") =>
        new(replicas, type, Value(surge), Value(unavailable), 0, 10, 600, false);

    private static JsonNode Value(string s) => int.TryParse(s, out var n) ? JsonValue.Create(n) : JsonValue.Create(s);

    private static ReplicaSetView Rs(string name, int spec, int available, int minute = 0) =>
        new(name, DateTimeOffset.UnixEpoch.AddMinutes(minute), spec, spec, available, available, 1);

    [Theory]
    [InlineData(10, "25%", "25%", 3, 2)]
    [InlineData(1, "25%", "25%", 1, 0)]
    [InlineData(4, "0", "0", 0, 1)]
    [InlineData(3, "1", "0", 1, 0)]
    [InlineData(10, "50%", "10%", 5, 1)]
    public void Fenceposts_round_surge_up_and_unavailable_down(int replicas, string surge, string unavailable, int expectedSurge, int expectedUnavailable)
    {
        var (s, u) = RolloutMath.ResolveFenceposts(Spec(replicas, surge, unavailable));

        Assert.Equal(expectedSurge, s);
        Assert.Equal(expectedUnavailable, u);
    }

    [Fact]
    public void Recreate_allows_no_unavailability_and_takes_the_full_size_at_once()
    {
        var spec = Spec(5, type: "Recreate");

        Assert.Equal(0, RolloutMath.MaxUnavailable(spec));
        Assert.Equal(5, RolloutMath.NewReplicaSetReplicas(spec, [Rs("old", 5, 5)], Rs("new", 0, 0)));
    }

    [Theory]
    [InlineData(10, 0, 0, 10)]   // first rollout: the whole size
    [InlineData(10, 10, 0, 3)]   // update: only the surge fits beside ten old pods
    [InlineData(10, 7, 3, 6)]    // old set shrank by three: the new grows to fill replicas + surge
    [InlineData(3, 0, 0, 3)]
    public void New_replica_set_grows_within_the_surge_budget(int replicas, int oldSize, int newSize, int expected)
    {
        var old = Rs("old", oldSize, oldSize);
        var fresh = Rs("new", newSize, 0, 1);

        Assert.Equal(expected, RolloutMath.NewReplicaSetReplicas(Spec(replicas), [old, fresh], fresh));
    }

    [Fact]
    public void Old_sets_shrink_only_while_minimum_availability_holds()
    {
        // 10 old available, new set of 3 not yet available: 13 pods, minAvailable 8, 3 unavailable new → may drop 2.
        var sizes = RolloutMath.ScaleDownOld(Spec(10), [Rs("old", 10, 10)], Rs("new", 3, 0, 1));

        Assert.Equal(8, sizes["old"]);
    }

    [Fact]
    public void Unavailable_old_pods_go_first()
    {
        var unhealthy = new ReplicaSetView("old", DateTimeOffset.UnixEpoch, 4, 4, 0, 0, 1);

        var sizes = RolloutMath.ScaleDownOld(Spec(4), [unhealthy], Rs("new", 4, 4, 1));

        Assert.Equal(0, sizes["old"]);
    }

    [Fact]
    public void Nothing_scales_down_when_there_is_no_budget()
    {
        Assert.Empty(RolloutMath.ScaleDownOld(Spec(10), [Rs("old", 8, 8)], Rs("new", 5, 0, 1)));
    }

    [Theory]
    [InlineData("25%", 10, true, 3)]
    [InlineData("25%", 10, false, 2)]
    [InlineData("0%", 10, true, 0)]
    [InlineData("100%", 7, false, 7)]
    [InlineData("2", 10, false, 2)]
    public void Percentages_scale_against_the_total(string value, int total, bool roundUp, int expected) =>
        Assert.Equal(expected, IntOrPercent.Scaled(Value(value), total, roundUp));
}
