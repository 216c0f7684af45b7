using System.Text.Json.Nodes;
using Emulator.Domain.Kubelet;
using Emulator.Domain.Resources;

namespace Emulator.Infrastructure.Kubelet;

/// <summary>
/// What the kubelet keeps about one container of a pod between passes: the current instance (its emulation, when it
/// started, whether it exited on its own), how the last ones ended, the probe workers and the crash-loop back-off.
/// </summary>
public sealed class ContainerRuntime(JsonObject spec, RestartBackOff backOff, bool init = false)
{
    public JsonObject Spec { get; } = spec;
    public string Name { get; } = spec.Str("name") ?? "";

    /// <summary>An init container (spec.initContainers), run to completion before the app containers start.</summary>
    public bool IsInit { get; } = init;

    /// <summary>A sidecar: an init container with restartPolicy Always, which keeps running beside the app containers.</summary>
    public bool IsSidecar { get; } = init && spec.Str("restartPolicy") == "Always";

    /// <summary>The events' involvedObject.fieldPath for this container.</summary>
    public string FieldPath => IsInit ? $"spec.initContainers{{{Name}}}" : $"spec.containers{{{Name}}}";
    public string Image { get; } = spec.Str("image") ?? "";
    public RestartBackOff BackOff { get; } = backOff;

    /// <summary>The instance number of the latest start (-1 before the first), which is the restartCount.</summary>
    public int Instance { get; set; } = -1;
    public int RestartCount => Math.Max(0, Instance);

    public IAsyncDisposable? Process { get; set; }

    /// <summary>The interpreted shell of the current instance, when it runs a script: exec probes run against its files.</summary>
    public Emulator.Domain.Kubelet.Shell.ShellHost? Shell { get; set; }

    /// <summary>
    /// The container's files, environment and network as <c>kubectl exec</c> and exec lifecycle hooks see them: the script's own when it runs one,
    /// else a fresh set for the image (a server image still has a shell and busybox-style tools to exec).
    /// </summary>
    public Emulator.Domain.Kubelet.Shell.ShellHost? ExecHost { get; set; }
    /// <summary>The open stdin and terminal of a container started with stdin: true running a bare shell, for kubectl attach.</summary>
    public Emulator.Domain.Kubelet.Exec.ContainerConsole? Console { get; set; }
    public int StopExitCode { get; set; } = 137;
    public string? ContainerId { get; set; }
    public string? RunningSince { get; set; }
    public DateTimeOffset RunningSinceTime { get; set; }

    /// <summary>Set (once) when the process exits on its own, with its exit code.</summary>
    public TaskCompletionSource<int> Exited { get; set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TerminatedState? Terminated { get; set; }
    public TerminatedState? LastTerminated { get; set; }

    /// <summary>When the container restarts (after a back-off), while it waits.</summary>
    public DateTimeOffset? RestartAt { get; set; }
    public string? WaitingReason { get; set; }
    public string? WaitingMessage { get; set; }

    public bool Ready { get; set; }
    public bool Started { get; set; }
    public ProbeTracker? Startup { get; set; }
    public ProbeTracker? Liveness { get; set; }
    public ProbeTracker? Readiness { get; set; }

    public bool IsRunning => Process is not null;

    public ContainerSnapshot Snapshot() => new(Name, Image, RestartCount, IsRunning && Ready, IsRunning && Started, RunningSince,
        ContainerId, Terminated, LastTerminated, WaitingReason, WaitingMessage) { Sidecar = IsSidecar };

    public async Task StopAsync()
    {
        if (Process is { } p)
        {
            Process = null;
            ExecHost = null;
            Console?.MarkExited();
            Console = null;
            await p.DisposeAsync();
        }
    }
}
