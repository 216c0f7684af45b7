using Emulator.Domain.Workloads;

namespace Emulator.Infrastructure.Kubelet.Emulations;

/// <summary>What a started container knows: where it listens, its environment and command line, and where its stdout goes.</summary>
public sealed record ContainerContext(
    string PodIp, string Namespace, string PodName, string ContainerName, ImageReference Image,
    IReadOnlyDictionary<string, string> Environment, IReadOnlyList<string> Command, IReadOnlyList<string> Args, Action<string> Log);
