namespace Emulator.Domain.Kubelet;

/// <summary>
/// The clock of a graceful pod deletion (kuberuntime_container.go killContainer, executePreStopHook): the preStop hook
/// gets the whole grace period, SIGTERM gets what is left (never under minimumGracePeriodInSeconds = 2 s), SIGKILL ends
/// it. The emulator shortens only the waits nobody asked for: a process that ignores SIGTERM, and the pod's time in
/// Terminating, are capped by its TerminationDelay; a preStop sleep runs for real.
/// </summary>
public static class TerminationTiming
{
    /// <summary>kuberuntime_manager.go minimumGracePeriodInSeconds: the least time SIGTERM gets before SIGKILL.</summary>
    public static readonly TimeSpan MinimumStopWindow = TimeSpan.FromSeconds(2);

    /// <summary>How long a container that ignores SIGTERM runs on before it is killed (exit 137).</summary>
    public static TimeSpan KillAfter(TimeSpan graceLeft, TimeSpan terminationDelay)
    {
        var window = graceLeft < MinimumStopWindow ? MinimumStopWindow : graceLeft;
        return window < terminationDelay ? window : terminationDelay;
    }

    /// <summary>
    /// When the kubelet deletes the pod for good (grace 0): once its containers are stopped, and not before the
    /// emulator's TerminationDelay (capped by the grace period) so watchers see Terminating.
    /// </summary>
    public static DateTimeOffset DeleteAt(DateTimeOffset terminatingSince, TimeSpan grace, TimeSpan terminationDelay, DateTimeOffset stoppedAt)
    {
        var floor = terminatingSince + (grace < terminationDelay ? grace : terminationDelay);
        return stoppedAt > floor ? stoppedAt : floor;
    }

    /// <summary>deletionGracePeriodSeconds, which the API server set from the delete options or terminationGracePeriodSeconds.</summary>
    public static TimeSpan Grace(long? deletionGracePeriodSeconds) => TimeSpan.FromSeconds(Math.Max(0, deletionGracePeriodSeconds ?? 0));
}
