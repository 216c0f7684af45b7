using Emulator.Domain.Workloads;

namespace Emulator.Infrastructure.Kubelet.Emulations;

/// <summary>
/// The behaviour of one container image, run in-process on the pod IP instead of a container (design.md §3).
/// StartAsync binds what the image listens on and returns a handle that stops it; a bind failure throws.
/// </summary>
public interface IImageEmulation
{
    bool Handles(ImageReference image);

    Task<IAsyncDisposable> StartAsync(ContainerContext container, CancellationToken ct);
}

/// <summary>A stopped or never-started process: nothing to release.</summary>
public sealed class NothingRunning : IAsyncDisposable
{
    public static readonly NothingRunning Instance = new();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
