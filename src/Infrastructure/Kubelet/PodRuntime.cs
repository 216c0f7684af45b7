namespace Emulator.Infrastructure.Kubelet;

/// <summary>What the kubelet keeps about one pod incarnation (by uid) between passes: its stage, address and running emulations.</summary>
public sealed class PodRuntime(string uid, string podCidr, DateTimeOffset creatingSince)
{
    public string Uid { get; } = uid;
    public string PodCidr { get; } = podCidr;
    public DateTimeOffset CreatingSince { get; } = creatingSince;
    public bool Running { get; set; }
    public string? PodIp { get; set; }
    public string? StartedAt { get; set; }
    public DateTimeOffset? TerminatingSince { get; set; }
    public Dictionary<string, bool> Ready { get; } = new(StringComparer.Ordinal);

    /// <summary>When each container's readiness probe runs next (containers without a probe are absent).</summary>
    public Dictionary<string, DateTimeOffset> NextProbe { get; } = new(StringComparer.Ordinal);
    public List<IAsyncDisposable> Processes { get; } = [];

    public async Task StopProcessesAsync()
    {
        foreach (var p in Processes) await p.DisposeAsync();
        Processes.Clear();
    }
}
