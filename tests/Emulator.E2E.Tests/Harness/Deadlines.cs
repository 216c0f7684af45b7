namespace Emulator.E2E.Tests.Harness;

/// <summary>How long tests wait for something that should happen at once; generous because CI machines are shared and noisy.</summary>
public static class Deadlines
{
    /// <summary>For a watch line or a condition that follows a write within milliseconds on an idle machine.</summary>
    public static readonly TimeSpan Event = TimeSpan.FromSeconds(30);
}
