using System.Text.Json.Nodes;
using Emulator.Domain.Kubelet;

namespace Emulator.Domain.Tests.Kubelet;

/// <summary>The pure half of graceful deletion (ADR 0019): the terminal pod status and the termination clock.</summary>
public sealed class PodTerminationTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.UnixEpoch;

    private static ContainerSnapshot Running(string name = "app") => new(name, "busybox", 0, true, true, "2026-01-01T00:00:00Z", "id", null, null);

    private static ContainerSnapshot Exited(int code, string name = "app") =>
        new(name, "busybox", 0, false, false, "2026-01-01T00:00:00Z", "id", new TerminatedState(code, TerminatedState.ReasonFor(code), "a", "b", "id"), null);

    [Theory]
    [InlineData("Always", 143, "Failed")]
    [InlineData("Always", 0, "Succeeded")]
    [InlineData("OnFailure", 137, "Failed")]
    [InlineData("Never", 0, "Succeeded")]
    public void A_terminal_pod_is_succeeded_or_failed_whatever_its_restart_policy(string policy, int exitCode, string phase) =>
        Assert.Equal(phase, KubeletPodStatus.Phase(policy, [Exited(exitCode)], podIsTerminal: true));

    [Fact]
    public void A_terminal_pod_with_one_failure_among_successes_is_failed_and_one_still_running_keeps_it_running()
    {
        Assert.Equal("Failed", KubeletPodStatus.Phase("Always", [Exited(0, "a"), Exited(143, "b")], podIsTerminal: true));
        Assert.Equal("Running", KubeletPodStatus.Phase("Always", [Exited(0, "a"), Running("b")], podIsTerminal: true));
    }

    [Fact]
    public void The_last_status_of_a_deleted_pod_has_its_containers_terminated_and_ready_false_with_pod_completed()
    {
        var pod = new JsonObject { ["spec"] = new JsonObject { ["restartPolicy"] = "Always", ["containers"] = new JsonArray(new JsonObject { ["name"] = "app" }) } };

        var status = KubeletPodStatus.Build(pod, "127.18.0.2", "127.244.1.2", [Exited(143)], "2026-01-01T00:00:05Z", podIsTerminal: true);

        Assert.Equal("Failed", (string?)status["phase"]);
        var terminated = status["containerStatuses"]![0]!["state"]!["terminated"]!;
        Assert.Equal(143, (int)terminated["exitCode"]!);
        Assert.Equal("Error", (string?)terminated["reason"]);
        Assert.False((bool)status["containerStatuses"]![0]!["ready"]!);
        foreach (var type in new[] { "Ready", "ContainersReady" })
        {
            var condition = status["conditions"]!.AsArray().Single(c => (string?)c!["type"] == type)!;
            Assert.Equal(("False", "PodCompleted"), ((string?)condition["status"], (string?)condition["reason"]));
        }
        // Without podIsTerminal (a container exited while the pod runs) restartPolicy Always keeps it Running.
        Assert.Equal("Running", (string?)KubeletPodStatus.Build(pod, "h", "p", [Exited(143)], "t")["phase"]);
    }

    [Theory]
    [InlineData(30, 0.5, 0.5)]
    [InlineData(1, 0.5, 0.5)]
    [InlineData(30, 60, 30)]
    [InlineData(0, 60, 2)]
    public void A_process_ignoring_sigterm_is_killed_after_the_rest_of_the_grace_at_least_two_seconds_capped_by_the_delay(double graceLeft, double delay, double expected) =>
        Assert.Equal(TimeSpan.FromSeconds(expected), TerminationTiming.KillAfter(TimeSpan.FromSeconds(graceLeft), TimeSpan.FromSeconds(delay)));

    [Fact]
    public void The_pod_is_deleted_once_stopped_but_not_before_the_termination_delay_capped_by_the_grace_period()
    {
        var delay = TimeSpan.FromMilliseconds(500);
        // Stopped at once (a Go server): Terminating for the delay.
        Assert.Equal(T0 + delay, TerminationTiming.DeleteAt(T0, TimeSpan.FromSeconds(30), delay, T0));
        // A 4 s preStop sleep: as long as the hook.
        Assert.Equal(T0 + TimeSpan.FromSeconds(4), TerminationTiming.DeleteAt(T0, TimeSpan.FromSeconds(30), delay, T0 + TimeSpan.FromSeconds(4)));
        // A zero grace period deletes as soon as the containers are stopped.
        Assert.Equal(T0, TerminationTiming.DeleteAt(T0, TimeSpan.Zero, delay, T0));
    }

    [Fact]
    public void The_grace_period_is_deletion_grace_period_seconds_never_negative() =>
        Assert.Equal([TimeSpan.FromSeconds(30), TimeSpan.Zero, TimeSpan.Zero],
            new long?[] { 30, null, -5 }.Select(TerminationTiming.Grace));
}
