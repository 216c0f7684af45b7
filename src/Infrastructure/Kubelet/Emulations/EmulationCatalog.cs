using Emulator.Domain.Workloads;

namespace Emulator.Infrastructure.Kubelet.Emulations;

/// <summary>The registered image emulations, keyed by image repository (any tag or digest).</summary>
public sealed class EmulationCatalog(IEnumerable<IImageEmulation> emulations)
{
    private readonly IImageEmulation[] _all = [.. emulations];

    /// <summary>The emulation for an image, or null: the image is unknown and its container runs idle.</summary>
    public IImageEmulation? Find(ImageReference image) => _all.FirstOrDefault(e => e.Handles(image));
}
