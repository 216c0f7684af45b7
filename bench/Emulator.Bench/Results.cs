namespace Emulator.Bench;

/// <summary>One process start: ms from process start to /readyz 200 and to the first successful `kubectl get ns`.</summary>
internal sealed record StartSample(double ReadyMs, double KubectlMs, double KubectlAloneMs, int KubectlFailures, double ShutdownMs);

internal sealed record StartSeries(string Label, List<StartSample> Samples)
{
    public List<double> Ready => [.. Samples.Select(s => s.ReadyMs)];
    public List<double> Kubectl => [.. Samples.Select(s => s.KubectlMs).Where(double.IsFinite)];
    public List<double> KubectlAlone => [.. Samples.Select(s => s.KubectlAloneMs).Where(double.IsFinite)];
    public List<double> Shutdown => [.. Samples.Select(s => s.ShutdownMs)];
}

internal sealed record ThroughputPair(string Operation, string Transport, LoadResult Emulator, LoadResult Baseline, int ResponseBytes, long StoredConfigMaps);

internal sealed record WatchResult(
    int Events, int Missing, int OutOfOrder, List<double> FromResponseMs, List<double> FromRequestMs,
    List<double> CreateRttMs, List<double> GetRttMs, string? Problem);

internal sealed record MemoryResult(
    long BareIdleKb, long EmulatorIdleKb, long EmulatorLoadedKb, long EmulatorLoadedHwmKb, int Objects,
    double CreateSeconds, int CreateErrors, long DbBytes, long AfterThroughputRssKb, long AfterThroughputHwmKb);

internal sealed record EmptyListProbe(long StoredConfigMaps, double CpuUsPerList, double P50Ms, double P99Ms);

internal sealed record LogFinding(string Source, string Level, string Text, int Count);

internal sealed class Results
{
    public List<StartSeries> Startup { get; } = [];
    public List<ThroughputPair> Throughput { get; } = [];
    public List<EmptyListProbe> EmptyListProbes { get; } = [];
    public List<RolloutSample> Rollout { get; } = [];
    public WatchResult? Watch { get; set; }
    public MemoryResult? Memory { get; set; }
    public ProxyResult? Proxy { get; set; }
    public List<string> Problems { get; } = [];
    public List<LogFinding> LogFindings { get; } = [];
    public Dictionary<string, string> Machine { get; } = [];
    public double TotalSeconds { get; set; }
    public Dictionary<string, string> Settings { get; } = [];
    public DurabilityResult? Durability { get; set; }
}
