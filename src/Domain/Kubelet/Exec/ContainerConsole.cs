using System.Threading.Channels;

namespace Emulator.Domain.Kubelet.Exec;

/// <summary>
/// The stdin and terminal of a container started with <c>stdin: true</c> (the runtime keeps its stdin open for
/// <c>kubectl attach</c>). What attached clients type goes to the container's process; what the process writes goes
/// to every attached client as it is written (prompts included) and to the log. With <c>stdinOnce</c> the first
/// client to detach closes the process's stdin for good.
/// </summary>
public sealed class ContainerConsole(bool tty, bool stdinOnce)
{
    private readonly Channel<byte[]> _stdin = Channel.CreateUnbounded<byte[]>();
    private readonly List<Action<string>> _attached = [];
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool Tty { get; } = tty;

    public bool StdinOnce { get; } = stdinOnce;

    /// <summary>Completes when the process ended: attached clients are let go.</summary>
    public Task Exited => _exited.Task;

    public void MarkExited() => _exited.TrySetResult();

    public void Type(byte[] bytes) => _stdin.Writer.TryWrite(bytes);

    public void CloseStdin() => _stdin.Writer.TryComplete();

    public async ValueTask<byte[]?> ReadStdinAsync(CancellationToken ct) =>
        await _stdin.Reader.WaitToReadAsync(ct) && _stdin.Reader.TryRead(out var chunk) ? chunk : null;

    public void Write(string text)
    {
        Action<string>[] targets;
        lock (_gate) targets = [.. _attached];
        foreach (var target in targets) target(text);
    }

    public IDisposable Attach(Action<string> output)
    {
        lock (_gate) _attached.Add(output);
        return new Detach(() => { lock (_gate) _attached.Remove(output); });
    }

    private sealed class Detach(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}
