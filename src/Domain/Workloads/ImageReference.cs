using System.Security.Cryptography;
using System.Text;

namespace Emulator.Domain.Workloads;

/// <summary>
/// A container image name as containerd normalizes it (distribution/reference ParseNormalizedNamed): "nginx" is
/// docker.io/library/nginx:latest. <see cref="Repository"/> is the familiar name emulations are keyed by.
/// </summary>
public sealed record ImageReference(string Domain, string Path, string Tag, string? Digest)
{
    public static ImageReference Parse(string image)
    {
        string? digest = null;
        var at = image.IndexOf('@');
        if (at >= 0) { digest = image[(at + 1)..]; image = image[..at]; }
        var tag = "latest";
        var colon = image.LastIndexOf(':');
        if (colon > image.LastIndexOf('/')) { tag = image[(colon + 1)..]; image = image[..colon]; }
        var slash = image.IndexOf('/');
        var first = slash < 0 ? "" : image[..slash];
        string domain, path;
        if (slash >= 0 && (first.Contains('.') || first.Contains(':') || first == "localhost")) { domain = first; path = image[(slash + 1)..]; }
        else { domain = "docker.io"; path = image; }
        if (domain == "docker.io" && !path.Contains('/')) path = "library/" + path;
        return new ImageReference(domain, path, tag, digest);
    }

    /// <summary>"nginx", "jpetazzo/httpenv", "registry.k8s.io/e2e-test-images/agnhost": the name a user would write, without tag.</summary>
    public string Repository => Domain == "docker.io"
        ? Path.StartsWith("library/", StringComparison.Ordinal) ? Path["library/".Length..] : Path
        : $"{Domain}/{Path}";

    /// <summary>What containerStatuses[].image shows: docker.io/library/nginx:latest.</summary>
    public string Normalized => Digest is null ? $"{Domain}/{Path}:{Tag}" : $"{Domain}/{Path}@{Digest}";

    /// <summary>containerStatuses[].imageID: the repository digest; a stable made-up one when the spec named none.</summary>
    public string ImageId => $"{Domain}/{Path}@{Digest ?? "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Normalized)))}";
}
