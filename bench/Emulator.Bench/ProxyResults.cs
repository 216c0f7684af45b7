namespace Emulator.Bench;

/// <summary>One way to reach the backend (direct, the emulator's ClusterIP, HAProxy) and what it measured.</summary>
internal sealed record ProxyPath(string Label, List<double> DownloadMBps, List<double> NewConnectionMs, List<double> RoundTripMs)
{
    /// <summary>Proxy process CPU ms per MB relayed during the downloads (NaN for the direct path: no proxy).</summary>
    public double CpuMsPerMB { get; set; } = double.NaN;

    /// <summary>Proxy process CPU µs per new connection relayed (connect, 64 bytes each way, close).</summary>
    public double CpuUsPerConnection { get; set; } = double.NaN;
}

internal sealed record ProxyResult(
    List<ProxyPath> Paths, List<double> SwitchMs, List<double> SwitchWriteMs, List<double> RemoveMs, List<double> AddMs,
    long DownloadBytes, string HaproxyVersion, string? Skipped);
