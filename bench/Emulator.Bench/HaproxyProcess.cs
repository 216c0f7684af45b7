using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Emulator.Bench;

/// <summary>
/// HAProxy (the Debian package bench/run.sh installs) in TCP mode in front of the same backend: the userspace
/// proxy the emulator's relay is set against. Config in the run's temp dir, bound to loopback only.
/// </summary>
internal sealed class HaproxyProcess : IAsyncDisposable
{
    private readonly Process process;

    private HaproxyProcess(Process process, int port, string version)
    {
        this.process = process;
        Port = port;
        Version = version;
    }

    public int Port { get; }
    public string Version { get; }

    public static string? Find() =>
        new[] { "/usr/sbin/haproxy", "/usr/local/sbin/haproxy", "/usr/bin/haproxy" }.FirstOrDefault(File.Exists);

    public static async Task<HaproxyProcess> StartAsync(string binary, string dir, string backendAddress, int backendPort, string logPath)
    {
        Directory.CreateDirectory(dir);
        var port = Ports.Pick();
        var config = Path.Combine(dir, "haproxy.cfg");
        await File.WriteAllTextAsync(config,
            $"""
             global
                 maxconn 4096
             defaults
                 mode tcp
                 timeout connect 5s
                 timeout client 60s
                 timeout server 60s
             frontend bench
                 bind 127.0.0.1:{port}
                 default_backend pod
             backend pod
                 server pod {backendAddress}:{backendPort}

             """);
        var version = await VersionAsync(binary);
        var info = new ProcessStartInfo(binary) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-db", "-f", config }) info.ArgumentList.Add(a);
        var process = Process.Start(info) ?? throw new InvalidOperationException("haproxy did not start");
        if (ServerProcess.PidFile is not null) await File.AppendAllTextAsync(ServerProcess.PidFile, $"{process.Id}\n");
        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine("stderr: " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var haproxy = new HaproxyProcess(process, port, version);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            try
            {
                using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return haproxy;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(20);
            }
            catch
            {
                await haproxy.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>Server CPU time (user + system) so far, in ms, from /proc/PID/stat.</summary>
    public double CpuMs()
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{process.Id}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11]) + long.Parse(fields[12])) * 10.0;
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }

    private static async Task<string> VersionAsync(string binary)
    {
        var info = new ProcessStartInfo(binary, "-v") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(info)!;
        var first = (await p.StandardOutput.ReadToEndAsync()).Split('\n')[0];
        await p.WaitForExitAsync();
        // "HAProxy version 2.6.12-1+deb12u4 2026/10/17 - https://haproxy.org/" -> "HAProxy 2.6.12-1+deb12u4"
        var words = first.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length >= 3 ? $"HAProxy {words[2]}" : first.Trim();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill();
                await process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
        }
        process.Dispose();
    }
}
