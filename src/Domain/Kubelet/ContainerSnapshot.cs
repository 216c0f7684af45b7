namespace Emulator.Domain.Kubelet;

/// <summary>How one container instance ended: containerStatuses[].state.terminated / lastState.terminated.</summary>
public sealed record TerminatedState(int ExitCode, string Reason, string StartedAt, string FinishedAt, string ContainerId)
{
    /// <summary>The runtime's reason for an exit code: Completed for 0, Error otherwise (containerd's cri).</summary>
    public static string ReasonFor(int exitCode) => exitCode == 0 ? "Completed" : "Error";
}

/// <summary>What the kubelet knows about one container when it writes the pod status.</summary>
public sealed record ContainerSnapshot(
    string Name,
    string Image,
    int RestartCount,
    bool Ready,
    bool Started,
    string? RunningSince,
    string? ContainerId,
    TerminatedState? Terminated,
    TerminatedState? LastTerminated,
    string? WaitingReason = null,
    string? WaitingMessage = null)
{
    public bool IsRunning => RunningSince is not null && Terminated is null && WaitingReason is null;

    /// <summary>An init container with restartPolicy Always.</summary>
    public bool Sidecar { get; init; }
}
