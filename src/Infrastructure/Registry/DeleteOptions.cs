namespace Emulator.Infrastructure.Registry;

/// <summary>The parts of meta/v1 DeleteOptions the registry honours.</summary>
public sealed record DeleteOptions(
    string? PreconditionUid = null, string? PreconditionResourceVersion = null, long? GracePeriodSeconds = null,
    string? PropagationPolicy = null, bool DryRun = false);
