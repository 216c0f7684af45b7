namespace Emulator.Api.Hosting;

/// <summary>
/// Maps the documented flags (--data-dir DIR, --api-port N, ...) onto configuration keys under "Emulator", so every
/// option can equally come from appsettings.json or environment variables (Emulator__ApiPort=...).
/// </summary>
public static class CommandLine
{
    public static readonly IReadOnlyList<(string Flag, string Key, string Help)> Flags =
    [
        ("--data-dir", "DataDir", "SQLite database, CA and serving certificate, admin token and kubeconfig (default ./.emulator)"),
        ("--bind-address", "BindAddress", "address of the HTTPS API (default 127.0.0.1)"),
        ("--api-port", "ApiPort", "HTTPS Kubernetes API port (default 6443)"),
        ("--http-port", "HttpPort", "plain HTTP API on 127.0.0.1 for Postman and Swagger, no authentication; 0 = off (default 8080)"),
        ("--dns-port", "DnsPort", "embedded DNS server port on 127.0.0.1 (default 10053)"),
        ("--nodes", "Nodes", "number of simulated nodes (default 3)"),
        ("--service-cidr", "ServiceCidr", "ClusterIP range (default 127.96.0.0/12)"),
        ("--pod-cidr", "PodCidr", "pod IP range, one /24 per node (default 127.244.0.0/16)"),
        ("--node-port-range", "NodePortRange", "NodePort range (default 30000-32767)"),
        ("--load-balancer-range", "LoadBalancerRange", "LoadBalancer ingress IPs (default 127.18.255.200-127.18.255.250)"),
        ("--cluster-domain", "ClusterDomain", "DNS zone of the cluster (default cluster.local)"),
        ("--controllers", "Controllers", "run the background controllers: true|false (default true)"),
        ("--watch-cache-size", "WatchCacheSize", "changes kept replayable for watches; older resourceVersions get 410 Expired (default 20000)"),
        ("--token-auth-file", "TokenAuthFile", "CSV of extra bearer tokens: token,user,uid,\"group1,group2\" (as kube-apiserver)"),
        ("--authorization-mode", "AuthorizationMode", "RBAC or AlwaysAllow (default RBAC; the admin token is in system:masters either way)"),
        ("--max-requests-inflight", "MaxRequestsInflight", "concurrent read requests before 429, as kube-apiserver; 0 = unlimited (default 400)"),
        ("--max-mutating-requests-inflight", "MaxMutatingRequestsInflight", "concurrent write requests before 429; 0 = unlimited (default 200)"),
        ("--max-watches-per-client", "MaxWatchesPerClient", "concurrent watches per client before 429; 0 = unlimited (default 250)"),
    ];

    // Generic-host switches that WebApplicationFactory passes to the entry point; not part of our contract.
    private static readonly HashSet<string> HostFlags = ["--contentRoot", "--environment", "--applicationName"];

    public static string Usage =>
        "Usage: dotnet run --project src/Api -- [options]\n\nA Kubernetes API server, controllers, service proxy and DNS in one process, on loopback.\n\nOptions:\n" +
        string.Join("\n", Flags.Select(f => $"  {f.Flag + " VALUE",-28}{f.Help}")) +
        "\n  --help                      show this help\n\nEvery option may also be set as configuration: Emulator:ApiPort in appsettings.json or Emulator__ApiPort in the environment.\n";

    /// <summary>Turns the flags into in-memory configuration; throws ArgumentException on an unknown flag or a missing value.</summary>
    public static Dictionary<string, string?> Parse(string[] args, out bool help)
    {
        help = false;
        var values = new Dictionary<string, string?>();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg is "--help" or "-h") { help = true; continue; }
            string flag = arg, value;
            var eq = arg.IndexOf('=');
            if (eq > 0) { flag = arg[..eq]; value = arg[(eq + 1)..]; }
            else
            {
                if (!arg.StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"unexpected argument \"{arg}\"");
                if (i + 1 >= args.Length) throw new ArgumentException($"flag needs an argument: {arg}");
                value = args[++i];
            }
            if (HostFlags.Contains(flag)) continue;
            var known = Flags.FirstOrDefault(f => f.Flag == flag);
            if (known.Flag is null) throw new ArgumentException($"unknown flag: {flag}");
            values[$"Emulator:{known.Key}"] = value;
        }
        return values;
    }
}
