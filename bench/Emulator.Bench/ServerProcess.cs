using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Emulator.Bench;

/// <summary>
/// One server process (the emulator or the bare baseline) started with `dotnet DLL ARGS`. Output goes to a log file;
/// every pid is appended to a pid file so bench/run.sh can kill leftovers even if this process dies.
/// </summary>
internal sealed partial class ServerProcess : IAsyncDisposable
{
    private static readonly List<ServerProcess> Live = [];
    public static string? PidFile { get; set; }

    private readonly Process process;
    private readonly StreamWriter log;
    private readonly object logLock = new();
    private bool disposed;

    public string Name { get; }
    public string LogPath { get; }
    public int Pid => process.Id;
    /// <summary>Stopwatch timestamp taken just before the process was started.</summary>
    public long StartTimestamp { get; }
    public bool Exited => process.HasExited;

    private ServerProcess(string name, Process process, StreamWriter log, string logPath, long start)
    {
        Name = name;
        this.process = process;
        this.log = log;
        LogPath = logPath;
        StartTimestamp = start;
    }

    public static ServerProcess Start(string name, string dll, IEnumerable<string> args, string logPath,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(logPath)!,
        };
        info.ArgumentList.Add(dll);
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) info.Environment[key] = value;
        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        log.WriteLine($"### {DateTime.UtcNow:O} start: dotnet {dll} {string.Join(' ', info.ArgumentList.Skip(1))}");
        var process = new Process { StartInfo = info };
        var start = Stopwatch.GetTimestamp();
        process.Start();
        var server = new ServerProcess(name, process, log, logPath, start);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data is null ? null : "stderr: " + e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        lock (Live) Live.Add(server);
        if (PidFile is not null) File.AppendAllText(PidFile, $"{process.Id}\n");
        return server;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (logLock)
        {
            if (!disposed) log.WriteLine(line);
        }
    }

    /// <summary>Polls `url` every 5 ms until it answers 200; returns ms since process start.</summary>
    public async Task<double> WaitForOkAsync(string url, TimeSpan timeout)
    {
        using var handler = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(1), UseProxy = false, PooledConnectionLifetime = TimeSpan.Zero };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            try
            {
                using var response = await client.GetAsync(url);
                if ((int)response.StatusCode == 200) return Stats.Ms(StartTimestamp, Stopwatch.GetTimestamp());
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            if (process.HasExited) throw new InvalidOperationException($"{Name} exited with code {process.ExitCode} before {url} answered 200; see {LogPath}");
            if (Stopwatch.GetTimestamp() > deadline) throw new TimeoutException($"{Name}: {url} did not answer 200 within {timeout}; see {LogPath}");
            await Task.Delay(5);
        }
    }

    /// <summary>Resident set size and its peak, in KiB, from /proc/PID/status.</summary>
    public (long RssKb, long HwmKb) Memory()
    {
        long rss = 0, hwm = 0;
        foreach (var line in File.ReadLines($"/proc/{Pid}/status"))
        {
            if (line.StartsWith("VmRSS:")) rss = ParseKb(line);
            else if (line.StartsWith("VmHWM:")) hwm = ParseKb(line);
        }
        return (rss, hwm);
        static long ParseKb(string line) => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
    }

    /// <summary>User+system CPU time consumed so far, in ms (from /proc/PID/stat, clock ticks of 10 ms).</summary>
    public double CpuMs()
    {
        var stat = File.ReadAllText($"/proc/{Pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // fields[0] is field 3 (state); utime is field 14, stime field 15.
        return (long.Parse(fields[11]) + long.Parse(fields[12])) * 10.0;
    }

    /// <summary>SIGTERM, wait up to `grace` for a clean exit, then SIGKILL. Returns ms the clean shutdown took (NaN if killed).</summary>
    public async Task<double> StopAsync(TimeSpan? grace = null)
    {
        var result = double.NaN;
        if (!process.HasExited)
        {
            var t0 = Stopwatch.GetTimestamp();
            _ = Kill(process.Id, 15);
            using var cts = new CancellationTokenSource(grace ?? TimeSpan.FromSeconds(10));
            try
            {
                await process.WaitForExitAsync(cts.Token);
                result = Stats.Ms(t0, Stopwatch.GetTimestamp());
            }
            catch (OperationCanceledException)
            {
                Append($"### bench: no exit {grace ?? TimeSpan.FromSeconds(10)} after SIGTERM; sending SIGKILL");
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
        else
        {
            process.WaitForExit();
        }
        Append($"### {DateTime.UtcNow:O} exited with code {process.ExitCode}");
        lock (Live) Live.Remove(this);
        return result;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited) await StopAsync(TimeSpan.FromSeconds(5));
        lock (logLock)
        {
            disposed = true;
            log.Dispose();
        }
        process.Dispose();
    }

    /// <summary>Last resort (Ctrl+C, unhandled exception): SIGKILL everything still running.</summary>
    public static void KillAll()
    {
        ServerProcess[] live;
        lock (Live) live = [.. Live];
        foreach (var server in live)
        {
            try { if (!server.process.HasExited) server.process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
