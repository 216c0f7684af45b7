using Xunit.Sdk;

namespace Emulator.E2E.Tests.DaemonSets;

internal static class Poll
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(150);

    /// <summary>Polls a kubectl-observed condition with a generous deadline (the machine is shared and loaded).</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new XunitException($"timed out waiting for: {what}");
            await Task.Delay(250);
        }
    }
}
