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
    public List<ContainerRuntime> Containers { get; } = [];

    public async Task StopProcessesAsync()
    {
        foreach (var c in Containers) await c.StopAsync();
    }
}
