namespace Emulator.Infrastructure.Kubelet;

/// <summary>What the kubelet keeps about one pod incarnation (by uid) between passes: its stage, address and containers.</summary>
public sealed class PodRuntime(string uid, string podCidr, DateTimeOffset creatingSince)
{
    public string Uid { get; } = uid;
    public string PodCidr { get; } = podCidr;
    public DateTimeOffset CreatingSince { get; } = creatingSince;
    public bool Running { get; set; }
    public string? PodIp { get; set; }
    public DateTimeOffset? TerminatingSince { get; set; }

    /// <summary>The graceful stop of the containers (preStop hooks, SIGTERM, SIGKILL), started when the pod is first seen deleted.</summary>
    public Task? Termination { get; set; }

    /// <summary>The grace period being applied and when it ends; a later delete may shorten it (never lengthen).</summary>
    public TimeSpan Grace { get; set; }
    public DateTimeOffset GraceEnds { get; set; }

    /// <summary>Cancelled when the grace period ends: it bounds the preStop hooks still running.</summary>
    public CancellationTokenSource? GraceTimer { get; set; }

    /// <summary>Cancels the termination when the pod is gone first (force-deleted): nothing is left to stop gracefully.</summary>
    public CancellationTokenSource Forgotten { get; } = new();

    /// <summary>When every container had stopped and the kubelet wrote the pod's last status.</summary>
    public DateTimeOffset? StoppedAt { get; set; }
    public List<ContainerRuntime> Containers { get; } = [];

    /// <summary>spec.initContainers in order; the app containers start once every one completed (sidecars: started).</summary>
    public List<ContainerRuntime> InitContainers { get; } = [];
    public bool Initialized { get; set; }

    /// <summary>The app containers of a Never/OnFailure pod are all done: its sidecars were stopped and stay stopped.</summary>
    public bool SidecarsStopped { get; set; }

    public async Task StopProcessesAsync()
    {
        foreach (var c in InitContainers) await c.StopAsync();
        foreach (var c in Containers) await c.StopAsync();
    }
}
