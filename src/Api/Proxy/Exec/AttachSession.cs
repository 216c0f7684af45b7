using System.Text;
using Emulator.Domain.Kubelet.Exec;
using Emulator.Infrastructure.Kubelet;

namespace Emulator.Api.Proxy.Exec;

/// <summary>
/// <c>kubectl attach</c> (and <c>kubectl run -it</c>) to a running container: with an open stdin (a console), what the
/// client types goes to the container's shell and what it writes comes back as written; otherwise the container's
/// output from now on, line by line from its log. It ends when the container exits (Success on the error channel,
/// as the kubelet's ServeAttach writes) or when the client goes away. With stdinOnce the client's end of stdin closes
/// the container's stdin.
/// </summary>
public sealed class AttachSession(IExecTransport transport, ExecRequest request, ContainerConsole? console, PodLogs logs,
    string ns, string pod, string container)
{
    public async Task RunAsync(CancellationToken ct)
    {
        var output = System.Threading.Channels.Channel.CreateUnbounded<string>();
        var pump = Task.Run(async () =>
        {
            await foreach (var text in output.Reader.ReadAllAsync(ct))
                await transport.WriteAsync(ExecChannel.Stdout, Encoding.UTF8.GetBytes(text), ct);
        }, ct);
        if (console is not null)
        {
            using (console.Attach(text => { if (request.Stdout) output.Writer.TryWrite(text); }))
            {
                var typing = request.Stdin ? ForwardStdinAsync(console, ct) : Task.CompletedTask;
                await console.Exited.WaitAsync(ct);
                _ = typing;
            }
        }
        else
        {
            var (_, live, unsubscribe) = logs.Read(ns, pod, container, null, follow: true) ?? ([], null, () => { });
            try
            {
                if (live is not null)
                    await foreach (var line in live.ReadAllAsync(ct))
                        if (request.Stdout) output.Writer.TryWrite(request.Tty ? line.Text + "\r\n" : line.Text + "\n");
            }
            finally
            {
                unsubscribe();
            }
        }
        output.Writer.TryComplete();
        await pump;
        await transport.FinishAsync(ExecStatus.Success(), ct);
    }

    private async Task ForwardStdinAsync(ContainerConsole target, CancellationToken ct)
    {
        try
        {
            await foreach (var chunk in transport.Stdin.ReadAllAsync(ct)) target.Type(chunk);
        }
        catch (OperationCanceledException)
        {
        }
        // The client detached: a stdinOnce container's stdin closes with it, as the runtime does.
        if (target.StdinOnce) target.CloseStdin();
    }
}
