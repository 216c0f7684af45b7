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

    /// <summary>The image's ENTRYPOINT and CMD, which the container's command and args override.</summary>
    (IReadOnlyList<string> Entrypoint, IReadOnlyList<string> Cmd) Defaults => ([], []);

    /// <summary>
    /// The exit code when the kubelet stops the container (SIGTERM): a Go server without a handler dies of the signal
    /// (143); nginx exits 0; a shell as PID 1 ignores SIGTERM and is killed (137).
    /// </summary>
    int StopExitCode => 143;
}

/// <summary>A stopped or never-started process: nothing to release.</summary>
public sealed class NothingRunning : IAsyncDisposable
{
    public static readonly NothingRunning Instance = new();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
