namespace Emulator.E2E.Tests.Harness;

/// <summary>Unique DNS-1123 names, so tests sharing one emulator never see each other's objects.</summary>
public static class Names
{
    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>A fresh namespace name, e.g. <c>e2e-watch-1a2b3c4d</c>.</summary>
    public static string Namespace(string purpose) => Unique($"e2e-{purpose}");
}
