namespace Emulator.Infrastructure.Kubelet;

/// <summary>
/// The stage delays of the simulated kubelet (KWOK-style: each stage's next status after a delay). Short by default
/// so a rollout finishes in about a second, long enough for <c>kubectl get pods -w</c> to show every STATUS.
/// </summary>
public sealed record KubeletOptions
{
    /// <summary>How long a pod shows ContainerCreating (image pull and sandbox set-up) before it runs.</summary>
    public TimeSpan ContainerCreatingDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long a deleted pod stays Terminating at most (its grace period caps it), while the container stops.</summary>
    public TimeSpan TerminationDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The first crash-loop back-off (the real kubelet's is 10 s): short, but long enough to see CrashLoopBackOff.</summary>
    public TimeSpan RestartBackOffBase { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The back-off cap (the real kubelet's is 5 min).</summary>
    public TimeSpan RestartBackOffMax { get; init; } = TimeSpan.FromSeconds(40);
}
