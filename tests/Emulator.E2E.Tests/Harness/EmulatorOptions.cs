namespace Emulator.E2E.Tests.Harness;

/// <summary>How to start an emulator. Everything left null gets a fresh default.</summary>
public sealed record EmulatorOptions
{
    /// <summary>An existing data dir to start on; the harness never deletes a dir it was given.</summary>
    public string? DataDir { get; init; }

    public EmulatorPorts? Ports { get; init; }

    /// <summary>Passed as <c>--nodes</c> when set; otherwise the server's default (3) applies.</summary>
    public int? Nodes { get; init; }

    /// <summary>More server flags, e.g. <c>--max-requests-inflight 2</c>, appended after the defaults.</summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];
}
