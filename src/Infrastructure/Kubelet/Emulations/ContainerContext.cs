using Emulator.Domain.Workloads;

namespace Emulator.Infrastructure.Kubelet.Emulations;

/// <summary>
/// What a started container knows: where it listens, its environment, its command line (Argv: ENTRYPOINT/CMD as
/// command/args override them), where its stdout goes, and how it exits on its own (a script ending, /exit).
/// </summary>
public sealed record ContainerContext(
    string PodIp, string Namespace, string PodName, string ContainerName, ImageReference Image,
    IReadOnlyDictionary<string, string> Environment, IReadOnlyList<string> Command, IReadOnlyList<string> Args, Action<string> Log)
{
    public IReadOnlyList<string> Argv { get; init; } = [];

    public Action<int> Exit { get; init; } = _ => { };

    /// <summary>The pod's DNS and TCP, for the interpreted network commands (wget, nc, nslookup, curl).</summary>
    public Emulator.Domain.Kubelet.Shell.IPodNetwork? Network { get; init; }

    /// <summary>The pod's hostname: its name, as os.Hostname() answers in the container.</summary>
    public string Hostname => Environment.TryGetValue("HOSTNAME", out var h) ? h : PodName;
}
