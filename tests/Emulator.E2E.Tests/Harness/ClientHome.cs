namespace Emulator.E2E.Tests.Harness;

/// <summary>
/// A private HOME for the real clients of one emulator. kubectl caches discovery and OpenAPI (6 h TTL, keyed by
/// host:port) and reads ~/.kube/kuberc; helm keeps config, cache and repositories under HOME. Isolating them keeps
/// one run (or the developer's own ~/.kube) from leaking into another.
/// </summary>
public sealed class ClientHome : IDisposable
{
    private ClientHome(string path) => Path = path;

    public string Path { get; }

    public string KubectlCacheDir => System.IO.Path.Combine(Path, "kubectl-cache");

    /// <summary>Variables set (value) or removed (null) for every client process.</summary>
    public IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?>
    {
        ["HOME"] = Path,
        ["KUBECONFIG"] = null,
        ["HELM_CACHE_HOME"] = System.IO.Path.Combine(Path, "helm", "cache"),
        ["HELM_CONFIG_HOME"] = System.IO.Path.Combine(Path, "helm", "config"),
        ["HELM_DATA_HOME"] = System.IO.Path.Combine(Path, "helm", "data"),
    };

    public static ClientHome Create() => new(TempDirs.Create("emulator-e2e-home"));

    public void Dispose() => TempDirs.TryDelete(Path);
}
