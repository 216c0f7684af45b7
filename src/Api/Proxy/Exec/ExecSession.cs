using System.Text;
using System.Threading.Channels;
using Emulator.Domain.Kubelet.Exec;
using Emulator.Domain.Kubelet.Shell;

namespace Emulator.Api.Proxy.Exec;

/// <summary>
/// One <c>kubectl exec</c> process in a container, run by the kubelet's interpreter against the container's files,
/// environment and network: a script or a known program with stdout and stderr on their own channels (merged on a
/// terminal, with CRLF), stdin read to its end first when attached without a terminal, or an interactive shell that
/// runs each command line as it arrives (with a prompt and echo on a terminal). The exit code becomes the status.
/// </summary>
public sealed class ExecSession(IExecTransport transport, ExecRequest request, ShellHost container)
{
    private readonly Channel<(ExecChannel Channel, string Text)> _output = Channel.CreateUnbounded<(ExecChannel, string)>();
    private readonly TerminalInput _terminal = new(request.Tty);

    public async Task RunAsync(CancellationToken ct)
    {
        var pump = PumpAsync(ct);
        var status = await ExecuteAsync(ct);
        _output.Writer.TryComplete();
        await pump;
        await transport.FinishAsync(status, ct);
    }

    private async Task<System.Text.Json.Nodes.JsonObject> ExecuteAsync(CancellationToken ct)
    {
        var plan = ExecPlan.For(request.Command);
        if (plan.Missing is { } missing)
            return ExecStatus.InternalError(ExecPlan.NotFoundMessage(missing, Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().Concat(Guid.NewGuid().ToByteArray()).ToArray())));
        if (plan.SyntaxError is { } syntax)
        {
            Stderr(syntax + "\n");
            return ExecStatus.Of(2, request.Command);
        }
        var host = container.Streams(Stdout, Stderr);
        if (plan.Interactive)
            return ExecStatus.Of(request.Stdin ? await InteractiveAsync(host, plan, ct) : 0, request.Command);
        var stdin = request.Stdin && !request.Tty ? await ReadAllStdinAsync(ct) : "";
        var code = await ShellInterpreter.RunAsync(plan.Script!, host, plan.Positional, ct, stdin);
        return ExecStatus.Of(code, request.Command);
    }

    private Task<int> InteractiveAsync(ShellHost host, ExecPlan plan, CancellationToken ct) =>
        new InteractiveShell(host, plan.Positional, _terminal, Stdout, Stderr).RunAsync(async token =>
            await transport.Stdin.WaitToReadAsync(token) && transport.Stdin.TryRead(out var chunk) ? chunk : null, ct);

    private async Task<string> ReadAllStdinAsync(CancellationToken ct)
    {
        var all = new MemoryStream();
        await foreach (var chunk in transport.Stdin.ReadAllAsync(ct)) all.Write(chunk);
        return Encoding.UTF8.GetString(all.ToArray());
    }

    private void Stdout(string text)
    {
        if (request.Stdout) Raw(ExecChannel.Stdout, _terminal.Display(text));
    }

    /// <summary>On a terminal there is one output stream: stderr reaches it too.</summary>
    private void Stderr(string text)
    {
        if (request.Tty) Stdout(text);
        else if (request.Stderr) Raw(ExecChannel.Stderr, text);
    }

    private void Raw(ExecChannel channel, string text) => _output.Writer.TryWrite((channel, text));

    private async Task PumpAsync(CancellationToken ct)
    {
        await foreach (var (channel, text) in _output.Reader.ReadAllAsync(ct))
            await transport.WriteAsync(channel, Encoding.UTF8.GetBytes(text), ct);
    }
}
