using Emulator.Domain.Workloads;

namespace Emulator.Infrastructure.Kubelet.Emulations;

/// <summary>Images that run a shell, a sleep or the pause process: nothing listens, the container just keeps running.</summary>
public sealed class IdleEmulation : IImageEmulation
{
    private static readonly HashSet<string> Images = new(StringComparer.Ordinal)
    {
        "busybox", "alpine", "ubuntu", "debian", "centos", "fedora", "registry.k8s.io/pause", "k8s.gcr.io/pause", "registry.k8s.io/busybox",
    };

    public bool Handles(ImageReference image) => Images.Contains(image.Repository);

    public Task<IAsyncDisposable> StartAsync(ContainerContext container, CancellationToken ct) => Task.FromResult<IAsyncDisposable>(NothingRunning.Instance);
}
