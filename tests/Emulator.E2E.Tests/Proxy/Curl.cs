using System.Text.Json.Nodes;
using Emulator.E2E.Tests.Harness;
using Xunit.Sdk;

namespace Emulator.E2E.Tests.Proxy;

/// <summary>
/// The real curl, run as a user types it (<c>curl -s URL</c>), and the <c>jq -r .HOSTNAME</c> step of the seed
/// flow done in C# so the test does not depend on jq being installed (test.sh does not install it).
/// </summary>
public static class Curl
{
    /// <summary>curl's exit code when the connection was refused ("Failed to connect"): what a REJECT rule gives.</summary>
    public const int CouldNotConnect = 7;

    public static Task<CommandResult> RunAsync(string url, int maxSeconds = 10) =>
        ProcessRunner.RunAsync(
            new ToolCommand("curl", ["-s", "--noproxy", "*", "--max-time", maxSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), url],
                new Dictionary<string, string?>()),
            stdin: null, TimeSpan.FromSeconds(maxSeconds + 20), () => "");

    /// <summary><c>curl -s URL | jq -r .HOSTNAME</c> against an httpenv pod (or a Service in front of some).</summary>
    public static async Task<string> HostnameAsync(string url)
    {
        var result = (await RunAsync(url)).Succeeds();
        return Hostname(result.Stdout);
    }

    public static string Hostname(string httpenvBody) =>
        (JsonNode.Parse(httpenvBody) as JsonObject)?["HOSTNAME"]?.GetValue<string>()
        ?? throw new XunitException($"no HOSTNAME in the httpenv answer: {httpenvBody}");

    /// <summary>Polls until the URL answers (the proxy programs a new Service within moments); returns the HOSTNAME.</summary>
    public static async Task<string> HostnameWhenAnsweringAsync(string url)
    {
        var deadline = DateTime.UtcNow + Deadlines.Event;
        while (true)
        {
            var result = await RunAsync(url);
            if (result.ExitCode == 0 && result.Stdout.Length > 0) return Hostname(result.Stdout);
            if (DateTime.UtcNow > deadline) throw new XunitException($"{url} never answered.\n{result.Describe()}");
            await Task.Delay(100);
        }
    }

    /// <summary>Polls until curl exits <see cref="CouldNotConnect"/>: refused at once, not a hang (exit 28) nor an answer.</summary>
    public static async Task RefusedAsync(string url)
    {
        var deadline = DateTime.UtcNow + Deadlines.Event;
        while (true)
        {
            var result = await RunAsync(url);
            if (result.ExitCode == CouldNotConnect) return;
            if (DateTime.UtcNow > deadline) throw new XunitException($"{url} was never refused.\n{result.Describe()}");
            await Task.Delay(100);
        }
    }
}
