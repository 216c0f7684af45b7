namespace Emulator.Infrastructure;

/// <summary>The cluster's address plan and sizes (design.md §3), as controllers and allocators need them.</summary>
public sealed record ClusterOptions
{
    public int Nodes { get; init; } = 3;
    public string ServiceCidr { get; init; } = "127.96.0.0/12";
    public string PodCidr { get; init; } = "127.244.0.0/16";
    public string NodePortRange { get; init; } = "30000-32767";
    public string LoadBalancerRange { get; init; } = "127.18.255.200-127.18.255.250";
    public string ClusterDomain { get; init; } = "cluster.local";
    public int ApiPort { get; init; } = 6443;
    public int DnsPort { get; init; } = 10053;
    public string DataDir { get; init; } = ".emulator";
}
