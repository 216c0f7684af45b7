using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Xunit.Sdk;

namespace Emulator.E2E.Tests.Harness;

/// <summary>
/// The real server (<c>dotnet Emulator.Api.dll</c>) on free loopback ports and a data dir, started and stopped the
/// way users and CI do it: SIGTERM for a clean stop, SIGKILL for a crash, and a restart on the same dir and ports.
/// </summary>
public sealed class EmulatorProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyDeadline = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopDeadline = TimeSpan.FromSeconds(30);

    // Every live server, so one left behind by a test that never reached its dispose still dies with the test host.
    private static readonly ConcurrentDictionary<EmulatorProcess, byte> live = new();

    private readonly OutputTail output = new(capacity: 300);
    private readonly bool ownsDataDir;
    private readonly int? nodes;
    private IReadOnlyList<string> extraArguments = [];
    private readonly ClientHome clientHome = ClientHome.Create();
    private Process? process;
    private ApiClient? api;

    static EmulatorProcess() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (var emulator in live.Keys)
        {
            if (emulator.process is { } orphan)
            {
                ProcessRunner.KillTree(orphan);
            }
        }
    };

    private EmulatorProcess(string dataDir, bool ownsDataDir, EmulatorPorts ports, int? nodes)
    {
        DataDir = dataDir;
        this.ownsDataDir = ownsDataDir;
        Ports = ports;
        this.nodes = nodes;
        Kubectl = new Kubectl(this, clientHome);
        Helm = new Helm(this, clientHome);
    }

    public string DataDir { get; }

    public EmulatorPorts Ports { get; }

    public string KubeconfigPath => Path.Combine(DataDir, "kubeconfig");

    public string TokenPath => Path.Combine(DataDir, "token");

    public string CaPath => Path.Combine(DataDir, "ca.crt");

    public Uri ApiUri => new($"https://127.0.0.1:{Ports.Api}");

    public Uri HttpUri => new($"http://127.0.0.1:{Ports.Http}");

    public Kubectl Kubectl { get; }

    public Helm Helm { get; }

    /// <summary>HTTPS with the admin token from DIR/token; rebuilt after each restart (the token or CA may be reissued).</summary>
    public ApiClient Api => api ??= ApiClient.Https(this, AdminToken);

    public string AdminToken => File.ReadAllText(TokenPath).Trim();

    public bool IsRunning => process is { HasExited: false };

    public static async Task<EmulatorProcess> StartAsync(EmulatorOptions? options = null)
    {
        options ??= new EmulatorOptions();
        var ownsDataDir = options.DataDir is null;
        var emulator = new EmulatorProcess(
            options.DataDir ?? TempDirs.Create("emulator-e2e-data"),
            ownsDataDir,
            options.Ports ?? FreePorts.ForEmulator(),
            options.Nodes) { extraArguments = options.ExtraArguments };
        try
        {
            await emulator.LaunchAsync();
        }
        catch
        {
            await emulator.DisposeAsync();
            throw;
        }

        return emulator;
    }

    /// <summary>The server's last log lines, for failure messages.</summary>
    public string RecentOutput() => output.Snapshot();

    /// <summary>Sends SIGTERM and waits for the process to end; returns its exit code.</summary>
    public async Task<int> StopAsync()
    {
        var running = RunningProcess("stop");
        PosixSignals.Terminate(running.Id);
        if (!await ProcessRunner.WaitForExitAsync(running, StopDeadline))
        {
            running.Kill();
            await running.WaitForExitAsync();
            throw new XunitException(
                $"The emulator did not exit within {StopDeadline.TotalSeconds} s of SIGTERM (killed).\n{RecentOutput()}");
        }

        return Exited(running);
    }

    /// <summary>SIGKILL: the process gets no chance to flush or close anything, as in a crash or an OOM kill.</summary>
    public async Task KillAsync()
    {
        var running = RunningProcess("kill");
        running.Kill();
        await running.WaitForExitAsync();
        Exited(running);
    }

    /// <summary>Starts the server again on the same data dir and ports (stopping it first with SIGTERM if it still runs).</summary>
    public async Task RestartAsync()
    {
        if (IsRunning)
        {
            await StopAsync();
        }

        await LaunchAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (process is { } running)
        {
            if (!running.HasExited)
            {
                try
                {
                    PosixSignals.Terminate(running.Id);
                }
                catch (InvalidOperationException)
                {
                    // It exited between the check and the signal; nothing left to stop.
                }

                if (!await ProcessRunner.WaitForExitAsync(running, StopDeadline))
                {
                    ProcessRunner.KillTree(running);
                    await running.WaitForExitAsync();
                }
            }

            Exited(running);
        }

        live.TryRemove(this, out _);
        clientHome.Dispose();
        if (ownsDataDir)
        {
            TempDirs.TryDelete(DataDir);
        }
    }

    private async Task LaunchAsync()
    {
        var dll = RepoPaths.ApiDll;
        if (!File.Exists(dll))
        {
            throw new XunitException(
                $"The emulator is not built: {dll} is missing. Run ./test.sh, or " +
                $"`dotnet build tests/Emulator.E2E.Tests -c {RepoPaths.BuildConfiguration}` (it builds src/Api too).");
        }

        var info = new ProcessStartInfo(DotnetHost())
        {
            // The dll's folder holds appsettings*.json; ASP.NET Core reads them from the working directory.
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in Arguments(dll))
        {
            info.ArgumentList.Add(argument);
        }

        // Inherited URL settings would make Kestrel listen where the contract's flags did not say.
        foreach (var name in new[] { "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "DOTNET_URLS", "KUBECONFIG" })
        {
            info.Environment.Remove(name);
        }

        // If the test host dies (crash, hang timeout), the emulator notices and exits instead of lingering.
        info.Environment["EMULATOR_PARENT_PID"] = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var started = new Process { StartInfo = info, EnableRaisingEvents = true };
        started.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Add(e.Data); };
        started.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Add($"[stderr] {e.Data}"); };
        output.Add($"--- harness: starting dotnet {string.Join(' ', info.ArgumentList)} ---");
        started.Start();
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        process = started;
        api?.Dispose();
        api = null;
        live.TryAdd(this, 0);
        await WaitUntilReadyAsync(started);
    }

    private IEnumerable<string> Arguments(string dll)
    {
        yield return dll;
        yield return "--data-dir";
        yield return DataDir;
        yield return "--api-port";
        yield return Ports.Api.ToString(CultureInfo.InvariantCulture);
        yield return "--http-port";
        yield return Ports.Http.ToString(CultureInfo.InvariantCulture);
        yield return "--dns-port";
        yield return Ports.Dns.ToString(CultureInfo.InvariantCulture);
        if (nodes is { } count)
        {
            yield return "--nodes";
            yield return count.ToString(CultureInfo.InvariantCulture);
        }

        foreach (var argument in extraArguments)
        {
            yield return argument;
        }
    }

    /// <summary>
    /// Polls /readyz until it answers 200 and the kubeconfig and token exist. This poller alone skips certificate
    /// validation, so a certificate problem shows up as a clear test failure elsewhere instead of "never ready".
    /// </summary>
    private async Task WaitUntilReadyAsync(Process started)
    {
        using var http = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false,
            ConnectTimeout = TimeSpan.FromSeconds(1),
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
        })
        { Timeout = TimeSpan.FromSeconds(2) };
        var readyz = new Uri(ApiUri, "/readyz");
        var clock = Stopwatch.StartNew();
        var last = "no answer yet";
        while (clock.Elapsed < ReadyDeadline)
        {
            if (started.HasExited)
            {
                started.WaitForExit(); // drains the redirected output into the tail
                throw new XunitException(
                    $"The emulator exited with code {started.ExitCode} before it was ready.\n--- emulator output ---\n{RecentOutput()}");
            }

            try
            {
                using var response = await http.GetAsync(readyz);
                var body = await response.Content.ReadAsStringAsync();
                var missing = new[] { KubeconfigPath, TokenPath, CaPath }.Where(path => !File.Exists(path)).ToArray();
                if (response.StatusCode == HttpStatusCode.OK && missing.Length == 0)
                {
                    return;
                }

                last = $"GET /readyz answered {(int)response.StatusCode} \"{body}\"" +
                       (missing.Length > 0 ? $"; still missing: {string.Join(", ", missing)}" : "");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                last = $"GET /readyz failed: {e.Message}";
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50)); // poll interval; the deadline bounds the wait
        }

        throw new XunitException(
            $"The emulator was not ready within {ReadyDeadline.TotalSeconds} s ({last}).\n--- emulator output ---\n{RecentOutput()}");
    }

    private Process RunningProcess(string action) =>
        process is { HasExited: false } running
            ? running
            : throw new InvalidOperationException($"Cannot {action} the emulator: it is not running.");

    private int Exited(Process ended)
    {
        ended.WaitForExit(); // drains the redirected output into the tail
        var code = ended.ExitCode;
        output.Add($"--- harness: process {ended.Id} exited with code {code} ---");
        ended.Dispose();
        process = null;
        return code;
    }

    /// <summary>The dotnet host running the tests (set by the SDK for child processes), else dotnet from PATH.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}
