using Emulator.E2E.Tests.Harness;

namespace Emulator.E2E.Tests.Dns;

/// <summary>The real dig (Debian's dnsutils) asking one emulator's DNS server.</summary>
public static class Dig
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static async Task<DigResult> QueryAsync(string server, int port, string name, string type, params string[] options)
    {
        var command = new ToolCommand(RepoPaths.Tool("dig"),
            [$"@{server}", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "+time=5", "+tries=2", .. options,
                .. new[] { name, type }.Where(a => a.Length > 0)],
            new Dictionary<string, string?>());
        var result = await ProcessRunner.RunAsync(command, stdin: null, Timeout, () => "");
        Assert.True(result.ExitCode == 0, $"dig failed (exit {result.ExitCode}):\n{result.Describe()}");
        return DigResult.Parse(result);
    }

    public static Task<DigResult> QueryAsync(EmulatorProcess emulator, string name, string type, params string[] options) =>
        QueryAsync("127.0.0.1", emulator.Ports.Dns, name, type, options);

    /// <summary>
    /// Asks until <paramref name="done"/> holds or the deadline passes: DNS follows a committed change within
    /// milliseconds, but the test does not assume how many.
    /// </summary>
    public static async Task<DigResult> UntilAsync(EmulatorProcess emulator, string name, string type, Func<DigResult, bool> done,
        params string[] options)
    {
        var deadline = DateTime.UtcNow + Deadlines.Event;
        while (true)
        {
            var result = await QueryAsync(emulator, name, type, options);
            if (done(result)) return result;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"dig never gave the expected answer within {Deadlines.Event.TotalSeconds} s; last:\n{result.Describe()}\n{emulator.RecentOutput()}");
            await Task.Delay(50);
        }
    }
}
