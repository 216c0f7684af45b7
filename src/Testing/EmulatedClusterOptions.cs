using Microsoft.Extensions.Logging;

namespace Emulator.Testing;

/// <summary>How <see cref="EmulatedCluster.StartAsync"/> starts the emulator. Everything left null gets a fresh value.</summary>
public sealed record EmulatedClusterOptions
{
    /// <summary>Simulated nodes (--nodes); one keeps a test cluster light.</summary>
    public int Nodes { get; init; } = 1;

    /// <summary>Run the controllers, kubelet, proxy and DNS (--controllers). Off gives a bare API server.</summary>
    public bool Controllers { get; init; } = true;

    /// <summary>
    /// Pod range (--pod-cidr, a /16). Null picks an unused 127.X.0.0/16 so clusters side by side (and a default
    /// emulator on 127.244.0.0/16) never hand out the same pod IP.
    /// </summary>
    public string? PodCidr { get; init; }

    /// <summary>ClusterIP range (--service-cidr). Null picks the /16 next to the pod range.</summary>
    public string? ServiceCidr { get; init; }

    /// <summary>An existing data dir to start on (kept on dispose); null makes a temporary one (removed on dispose).</summary>
    public string? DataDir { get; init; }

    /// <summary>Where the emulator's log goes; by default nowhere, so test output stays the test's own.</summary>
    public Action<ILoggingBuilder>? Logging { get; init; }

    /// <summary>How long start-up (listening, bootstrap objects, nodes Ready) may take on a busy machine.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(90);
}
