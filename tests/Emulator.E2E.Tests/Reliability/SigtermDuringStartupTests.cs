using System.Diagnostics;
using System.Globalization;
using Emulator.E2E.Tests.Harness;

namespace Emulator.E2E.Tests.Reliability;

/// <summary>
/// SIGTERM (what Ctrl+C, `docker stop` and a test runner's clean-up send) arriving while the hosted services are still
/// starting is a graceful stop: exit code 0 and no unhandled exception (it used to abort with SIGABRT, exit 134). The
/// data dir stays usable: the next start serves the namespaces the first one wrote.
/// </summary>
[Collection(RestartCollection.Name)]
public sealed class SigtermDuringStartupTests : IDisposable
{
    private readonly string dataDir = TempDirs.Create("emulator-e2e-sigterm-startup");

    [Fact]
    public async Task A_sigterm_while_the_hosted_services_start_ends_the_process_gracefully()
    {
        var ports = FreePorts.ForEmulator();
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h && File.Exists(h) ? h : "dotnet";
        var info = new ProcessStartInfo(host)
        {
            WorkingDirectory = Path.GetDirectoryName(RepoPaths.ApiDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     RepoPaths.ApiDll, "--data-dir", dataDir,
                     "--api-port", ports.Api.ToString(CultureInfo.InvariantCulture),
                     "--http-port", ports.Http.ToString(CultureInfo.InvariantCulture),
                     "--dns-port", ports.Dns.ToString(CultureInfo.InvariantCulture),
                 })
        {
            info.ArgumentList.Add(argument);
        }
        info.Environment.Remove("ASPNETCORE_URLS");
        info.Environment["EMULATOR_PARENT_PID"] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        // The start-up trace names each hosted service as it finishes starting: the signal goes out right after the
        // first one, while the others are still starting.
        info.Environment["EMULATOR_STARTUP_TRACE"] = "1";

        using var process = new Process { StartInfo = info };
        var output = new OutputTail(capacity: 500);
        var firstServiceStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Add(e.Data); };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            output.Add($"[stderr] {e.Data}");
            if (e.Data.StartsWith("startup-trace started ", StringComparison.Ordinal)) firstServiceStarted.TrySetResult();
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await firstServiceStarted.Task.WaitAsync(TimeSpan.FromSeconds(60));
            PosixSignals.Terminate(process.Id);
            Assert.True(await ProcessRunner.WaitForExitAsync(process, TimeSpan.FromSeconds(60)),
                $"The emulator did not exit within 60 s of SIGTERM.\n{output.Snapshot()}");
        }
        finally
        {
            if (!process.HasExited) ProcessRunner.KillTree(process);
        }
        await process.WaitForExitAsync();

        var log = output.Snapshot();
        Assert.True(process.ExitCode == 0, $"SIGTERM during start-up ended the server with exit code {process.ExitCode}.\n{log}");
        Assert.DoesNotContain("Unhandled exception", log, StringComparison.Ordinal);

        await using var emulator = await EmulatorProcess.StartAsync(new EmulatorOptions { DataDir = dataDir });
        var namespaces = await emulator.Kubectl.RunAsync("get", "namespaces", "-o", "name");
        namespaces.Succeeds().PrintsLine("^namespace/default$").PrintsLine("^namespace/kube-system$");
    }

    public void Dispose() => TempDirs.TryDelete(dataDir);
}
