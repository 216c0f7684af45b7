namespace Emulator.Api.Hosting;

/// <summary>The command-line contract of design.md §2, bound from the "Emulator" configuration section.</summary>
public sealed class EmulatorOptions
{
    public string DataDir { get; set; } = ".emulator";
    public string BindAddress { get; set; } = "127.0.0.1";
    public int ApiPort { get; set; } = 6443;
    public int HttpPort { get; set; } = 8080;
    public int DnsPort { get; set; } = 10053;
    public int Nodes { get; set; } = 3;
    public string ServiceCidr { get; set; } = "127.96.0.0/12";
    public string PodCidr { get; set; } = "127.244.0.0/16";
    public string NodePortRange { get; set; } = "30000-32767";
    public string LoadBalancerRange { get; set; } = "127.18.255.200-127.18.255.250";
    public string ClusterDomain { get; set; } = "cluster.local";

    /// <summary>Background controllers (namespace finalizer...); tests of the bare API switch them off.</summary>
    public bool Controllers { get; set; } = true;

    /// <summary>How many changes watches can resume from (etcd's compaction window); tests shrink it to force 410 Expired.</summary>
    public int WatchCacheSize { get; set; } = 20_000;

    /// <summary>kube-apiserver's --token-auth-file: CSV token,user,uid,"group1,group2" of extra bearer-token users.</summary>
    public string? TokenAuthFile { get; set; }

    /// <summary>RBAC (default) or AlwaysAllow, for an open emulator where every authenticated user may do anything.</summary>
    public string AuthorizationMode { get; set; } = "RBAC";

    /// <summary>kube-apiserver --max-requests-inflight: concurrent non-mutating short requests; 0 = unlimited.</summary>
    public int MaxRequestsInflight { get; set; } = 400;

    /// <summary>kube-apiserver --max-mutating-requests-inflight: concurrent writes; 0 = unlimited.</summary>
    public int MaxMutatingRequestsInflight { get; set; } = 200;

    /// <summary>Concurrent watches one client (address + credentials + user agent) may hold; 0 = unlimited (ADR 0008).</summary>
    public int MaxWatchesPerClient { get; set; } = 250;

    public string DatabasePath => Path.Combine(DataDir, "emulator.db");
}
