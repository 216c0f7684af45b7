using Emulator.Domain.Kubelet;
using Emulator.Domain.Kubelet.Exec;
using Emulator.Domain.Kubelet.Shell;
using Emulator.Domain.Workloads;

namespace Emulator.Infrastructure.Kubelet.Emulations;

/// <summary>
/// Images whose process is a shell or a busybox program (busybox, alpine, debian...): the container's command line
/// runs in the kubelet's small sh interpreter, writes to the pod log, and the container exits when the script ends.
/// Without command or args these images run a shell with no terminal, which exits at once, as the real ones do.
/// </summary>
public sealed class ShellEmulation(TimeProvider time) : IImageEmulation
{
    private static readonly Dictionary<string, string> Images = new(StringComparer.Ordinal)
    {
        ["busybox"] = "sh", ["registry.k8s.io/busybox"] = "sh", ["k8s.gcr.io/busybox"] = "sh", ["gcr.io/google-containers/busybox"] = "sh",
        ["alpine"] = "/bin/sh", ["ubuntu"] = "/bin/bash", ["debian"] = "bash", ["centos"] = "/bin/bash", ["fedora"] = "/bin/bash",
        ["rockylinux"] = "/bin/bash", ["amazonlinux"] = "/bin/bash", ["nicolaka/netshoot"] = "zsh",
        ["curlimages/curl"] = "curl", ["quay.io/curl/curl"] = "curl",
    };

    public bool Handles(ImageReference image) => Images.ContainsKey(image.Repository);

    public int StopExitCode => 137;

    /// <summary>The curl images run curl through an entrypoint script that prepends "curl" when the first argument is an option.</summary>
    public static (IReadOnlyList<string> Entrypoint, IReadOnlyList<string> Cmd) DefaultsOf(ImageReference image) =>
        Images.TryGetValue(image.Repository, out var shell) && shell == "curl" ? ([ContainerCommand.CurlEntrypoint], ["curl"])
            : ([], [shell ?? "sh"]);

    public Task<IAsyncDisposable> StartAsync(ContainerContext container, CancellationToken ct)
    {
        var program = ContainerCommand.Program(container.Argv);
        return Task.FromResult<IAsyncDisposable>(program.Script is null ? NothingRunning.Instance : Run(program, container, time).Process);
    }

    /// <summary>Runs an interpretable program in the background; the container exits with the script's status.</summary>
    public static (IAsyncDisposable Process, ShellHost Host) Run(ShellProgram program, ContainerContext container, TimeProvider time)
    {
        var host = new ShellHost(container.Environment, container.Hostname, container.Log,
            (d, token) => Task.Delay(d, time, token), time.GetUtcNow) { Network = container.Network };
        return (new ScriptProcess(program, host, container), host);
    }

    /// <summary>
    /// A bare shell with its stdin kept open: it reads command lines from the container's console (what kubectl attach
    /// types); its output goes to the attached clients as written and to the log line by line.
    /// </summary>
    public static (IAsyncDisposable Process, ShellHost Host) RunInteractive(IReadOnlyList<string> positional, ContainerConsole console,
        ContainerContext container, TimeProvider time)
    {
        var host = new ShellHost(container.Environment, container.Hostname, container.Log,
            (d, token) => Task.Delay(d, time, token), time.GetUtcNow) { Network = container.Network };
        var terminal = new TerminalInput(console.Tty);
        var line = new System.Text.StringBuilder();
        var gate = new Lock();
        void Output(string text)
        {
            var shown = terminal.Display(text);
            console.Write(shown);
            lock (gate)
            {
                foreach (var c in shown.Replace("\r", "", StringComparison.Ordinal))
                {
                    if (c != '\n') { line.Append(c); continue; }
                    container.Log(line.ToString());
                    line.Clear();
                }
            }
        }
        var shell = new InteractiveShell(host.Streams(Output, Output), positional, terminal, Output, Output);
        return (new ScriptProcess(ct => shell.RunAsync(console.ReadStdinAsync, ct), container, console.MarkExited), host);
    }

    private sealed class ScriptProcess : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _run;

        public ScriptProcess(ShellProgram program, ShellHost host, ContainerContext container)
            : this(ct => ShellInterpreter.RunAsync(program.Script!, host, program.Positional, ct), container, () => { })
        {
        }

        public ScriptProcess(Func<CancellationToken, Task<int>> main, ContainerContext container, Action ended)
        {
            _run = Task.Run(async () =>
            {
                int code;
                try
                {
                    code = await main(_stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                catch (ShellSyntaxException e)
                {
                    container.Log($"sh: {e.Message}");
                    code = 2;
                }
                ended();
                container.Exit(code);
            });
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            try
            {
                await _run;
            }
            catch (OperationCanceledException)
            {
            }
            _stop.Dispose();
        }
    }
}
