using System.Text.Json.Nodes;
using Emulator.Domain.Kubelet;

namespace Emulator.Domain.Tests.Kubelet;

public sealed class KubeletLifecycleTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.UnixEpoch;

    private static ContainerSnapshot Running(string name = "app") => new(name, "busybox", 0, true, true, "2026-01-01T00:00:00Z", "id", null, null);

    private static ContainerSnapshot Exited(int code, string name = "app") =>
        new(name, "busybox", 0, false, false, "2026-01-01T00:00:00Z", "id", new TerminatedState(code, TerminatedState.ReasonFor(code), "a", "b", "id"), null);

    private static ContainerSnapshot BackingOff(int code) =>
        new("app", "busybox", 1, false, false, null, "id", null, new TerminatedState(code, TerminatedState.ReasonFor(code), "a", "b", "id"), "CrashLoopBackOff", "m");

    [Theory]
    [InlineData("Always", 0, "Running")]
    [InlineData("Always", 1, "Running")]
    [InlineData("OnFailure", 0, "Succeeded")]
    [InlineData("OnFailure", 1, "Running")]
    [InlineData("Never", 0, "Succeeded")]
    [InlineData("Never", 2, "Failed")]
    public void Phase_follows_get_phase_for_a_stopped_container(string policy, int exitCode, string phase) =>
        Assert.Equal(phase, KubeletPodStatus.Phase(policy, [Exited(exitCode)]));

    private static ContainerSnapshot Waiting(string name) => new(name, "busybox", 0, false, false, null, null, null, null, "PodInitializing");

    [Fact]
    public void A_pod_initializing_is_pending_with_init_statuses_and_a_failed_init_container_fails_a_never_pod()
    {
        var pod = new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "p", ["uid"] = "u" },
            ["spec"] = new JsonObject { ["restartPolicy"] = "Never" },
        };
        var status = KubeletPodStatus.Build(pod, "127.18.0.2", "127.244.1.2", [Waiting("app")], "2026-01-01T00:00:05Z",
            [Exited(0, "first"), Running("second")], initialized: false);
        Assert.Equal("Pending", (string?)status["phase"]);
        var initialized = status["conditions"]!.AsArray().Single(x => (string?)x!["type"] == "Initialized")!;
        Assert.Equal(("False", "ContainersNotInitialized", "containers with incomplete status: [second]"),
            ((string?)initialized["status"], (string?)initialized["reason"], (string?)initialized["message"]));
        Assert.Equal(["first", "second"], status["initContainerStatuses"]!.AsArray().Select(s => (string?)s!["name"]));
        Assert.True((bool)status["initContainerStatuses"]![0]!["ready"]!);
        Assert.Equal("PodInitializing", (string?)status["containerStatuses"]![0]!["state"]!["waiting"]!["reason"]);

        var failed = KubeletPodStatus.Build(pod, "127.18.0.2", "127.244.1.2", [Waiting("app")], "2026-01-01T00:00:05Z", [Exited(3, "first")], initialized: false);
        Assert.Equal("Failed", (string?)failed["phase"]);
    }

    [Fact]
    public void A_running_sidecar_does_not_hold_a_never_pod_whose_app_container_ended()
    {
        var pod = new JsonObject { ["metadata"] = new JsonObject { ["name"] = "p" }, ["spec"] = new JsonObject { ["restartPolicy"] = "Never" } };
        var status = KubeletPodStatus.Build(pod, "h", "p", [Exited(0)], "t", [Running("shipper") with { Sidecar = true }], initialized: true);
        Assert.Equal("Succeeded", (string?)status["phase"]);
    }

    [Fact]
    public void A_running_container_keeps_the_pod_running_and_a_crash_looping_one_counts_as_stopped()
    {
        Assert.Equal("Running", KubeletPodStatus.Phase("Never", [Exited(1), Running("b")]));
        Assert.Equal("Running", KubeletPodStatus.Phase("Always", [BackingOff(1)]));
    }

    [Fact]
    public void The_status_carries_state_last_state_restart_count_and_ready_conditions()
    {
        var pod = new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "p", ["uid"] = "u" },
            ["spec"] = new JsonObject { ["restartPolicy"] = "Never" },
            ["status"] = new JsonObject { ["phase"] = "Running" },
        };
        var status = KubeletPodStatus.Build(pod, "127.18.0.2", "127.244.1.2", [Exited(3)], "2026-01-01T00:00:05Z");
        Assert.Equal("Failed", (string?)status["phase"]);
        var c = status["containerStatuses"]![0]!;
        Assert.Equal(3, (int)c["state"]!["terminated"]!["exitCode"]!);
        Assert.Equal("Error", (string?)c["state"]!["terminated"]!["reason"]);
        Assert.Equal("containerd://id", (string?)c["containerID"]);
        var ready = status["conditions"]!.AsArray().Single(x => (string?)x!["type"] == "Ready")!;
        Assert.Equal(("False", "PodCompleted"), ((string?)ready["status"], (string?)ready["reason"]));

        var looping = KubeletPodStatus.Build(pod, "127.18.0.2", "127.244.1.2", [BackingOff(1)], "2026-01-01T00:00:05Z")["containerStatuses"]![0]!;
        Assert.Equal("CrashLoopBackOff", (string?)looping["state"]!["waiting"]!["reason"]);
        Assert.Equal(1, (int)looping["lastState"]!["terminated"]!["exitCode"]!);
        Assert.Equal(1, (int)looping["restartCount"]!);
    }

    [Fact]
    public void Back_off_restarts_at_once_first_then_doubles_from_the_finish_time_up_to_the_cap()
    {
        var backOff = new RestartBackOff(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(40));
        Assert.Equal(TimeSpan.Zero, backOff.DelayBeforeRestart(T0, T0));
        backOff.Restarted(T0);
        Assert.Equal(TimeSpan.FromSeconds(9), backOff.DelayBeforeRestart(T0.AddSeconds(1), T0.AddSeconds(2)));
        backOff.Restarted(T0.AddSeconds(11));
        Assert.Equal(TimeSpan.FromSeconds(20), backOff.Current);
        backOff.Restarted(T0.AddSeconds(40));
        backOff.Restarted(T0.AddSeconds(90));
        Assert.Equal(TimeSpan.FromSeconds(40), backOff.Current);
        // Quiet for longer than twice the cap: the back-off starts over.
        Assert.Equal(TimeSpan.Zero, backOff.DelayBeforeRestart(T0.AddSeconds(200), T0.AddSeconds(200)));
        Assert.Equal(("10s", "1m20s", "500ms"), (GoDuration.Format(TimeSpan.FromSeconds(10)), GoDuration.Format(TimeSpan.FromSeconds(80)),
            GoDuration.Format(TimeSpan.FromMilliseconds(500))));
    }

    [Fact]
    public void A_probe_result_flips_only_after_its_thresholds()
    {
        var container = JsonNode.Parse("""{"livenessProbe":{"httpGet":{"port":80},"periodSeconds":2,"failureThreshold":2}}""")!.AsObject();
        var tracker = new ProbeTracker(ProbeSpec.Of(container, ProbeKind.Liveness)!, T0);
        Assert.True(tracker.Result);
        Assert.False(tracker.Record(false, T0));
        Assert.Equal(T0.AddSeconds(2), tracker.NextDue);
        Assert.False(tracker.FailedThreshold);
        Assert.True(tracker.Record(false, T0.AddSeconds(2)));
        Assert.True(tracker.FailedThreshold);
        Assert.False(tracker.Result);
    }
}
