using System.Diagnostics;
using System.Text;
using Xunit.Sdk;

namespace Emulator.E2E.Tests.Kubelet;

/// <summary>
/// A command under a pseudo-terminal (util-linux <c>script</c>), so kubectl -t finds a terminal, puts it in raw mode and
/// sends keystrokes as typed: the test types and reads the screen's bytes as a person at the terminal would.
/// </summary>
public sealed class PseudoTerminal : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Task _reader;

    private PseudoTerminal(Process process)
    {
        _process = process;
        _reader = Task.Run(async () =>
        {
            var buffer = new char[4096];
            int n;
            while ((n = await process.StandardOutput.ReadAsync(buffer)) > 0)
                lock (_output) _output.Append(buffer, 0, n);
        });
    }

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public static PseudoTerminal Start(string commandLine)
    {
        var info = new ProcessStartInfo("script", ["-qfec", commandLine, "/dev/null"])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        info.Environment.Remove("KUBECONFIG");
        info.Environment["TERM"] = "xterm";
        return new PseudoTerminal(Process.Start(info)!);
    }

    public async Task WaitForAsync(string text, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var from = 0;
        while (clock.Elapsed < timeout)
        {
            var output = Output;
            var at = output.IndexOf(text, from, StringComparison.Ordinal);
            if (at >= 0) return;
            await Task.Delay(50);
        }
        throw new XunitException($"the terminal never showed {text.ReplaceLineEndings("\\n")} within {timeout.TotalSeconds} s; it shows:\n{Output}");
    }

    public async Task TypeAsync(string keys)
    {
        await _process.StandardInput.WriteAsync(keys);
        await _process.StandardInput.FlushAsync();
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        await _reader;
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
