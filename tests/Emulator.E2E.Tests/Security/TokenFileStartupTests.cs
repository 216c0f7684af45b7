using System.Globalization;
using Emulator.E2E.Tests.Harness;

namespace Emulator.E2E.Tests.Security;

/// <summary>
/// A --token-auth-file the server cannot use stops the real process before it listens: one line on stderr, worded as
/// kube-apiserver's tokenfile.NewCSV error, and exit code 1 (component-base cli.Run), never a stack trace.
/// </summary>
public sealed class TokenFileStartupTests : IDisposable
{
    private readonly string dir = TempDirs.Create("emulator-e2e-tokenfile");

    [Fact]
    public async Task A_line_with_too_few_columns_stops_start_up()
    {
        var path = Path.Combine(dir, "tokens.csv");
        await File.WriteAllTextAsync(path, "good-token,jane,u-jane\nbroken-token,bob\n");

        var result = await StartAsync(path);

        result.FailsWith(1);
        Assert.Equal($"Error: token file '{path}' must have at least 3 columns (token, user name, user uid), found 2\n", result.Stderr);
    }

    [Fact]
    public async Task A_missing_file_stops_start_up()
    {
        var path = Path.Combine(dir, "missing.csv");

        var result = await StartAsync(path);

        result.FailsWith(1);
        Assert.Equal($"Error: open {path}: no such file or directory\n", result.Stderr);
    }

    public void Dispose() => TempDirs.TryDelete(dir);

    private async Task<CommandResult> StartAsync(string tokenFile)
    {
        var ports = FreePorts.ForEmulator();
        var dataDir = Path.Combine(dir, "data");
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h && File.Exists(h) ? h : "dotnet";
        var command = new ToolCommand(host,
        [
            RepoPaths.ApiDll, "--data-dir", dataDir,
            "--api-port", ports.Api.ToString(CultureInfo.InvariantCulture),
            "--http-port", ports.Http.ToString(CultureInfo.InvariantCulture),
            "--dns-port", ports.Dns.ToString(CultureInfo.InvariantCulture),
            "--token-auth-file", tokenFile,
        ], new Dictionary<string, string?> { ["ASPNETCORE_URLS"] = null, ["EMULATOR_PARENT_PID"] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture) });
        var result = await ProcessRunner.RunAsync(command, null, TimeSpan.FromSeconds(120), () => "");
        Assert.False(result.TimedOut, "the emulator kept running with a broken token file");
        return result;
    }
}
