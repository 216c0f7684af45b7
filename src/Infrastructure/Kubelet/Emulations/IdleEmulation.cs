using Emulator.Domain.Workloads;

namespace Emulator.Infrastructure.Kubelet.Emulations;

/// <summary>The pause image: /pause sleeps until it is stopped, and nothing listens.</summary>
public sealed class IdleEmulation : IImageEmulation
{
    private static readonly HashSet<string> Images = new(StringComparer.Ordinal)
    {
        "registry.k8s.io/pause", "k8s.gcr.io/pause", "gcr.io/google_containers/pause", "rancher/mirrored-pause",
    };

    public bool Handles(ImageReference image) => Images.Contains(image.Repository);

    public (IReadOnlyList<string> Entrypoint, IReadOnlyList<string> Cmd) Defaults => (["/pause"], []);

    public int StopExitCode => 0;

    public Task<IAsyncDisposable> StartAsync(ContainerContext container, CancellationToken ct) => Task.FromResult<IAsyncDisposable>(NothingRunning.Instance);
}
