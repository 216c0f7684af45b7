using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Emulator.Api.Proxy.Exec;

/// <summary>The remotecommand channels (k8s.io/apimachinery util/remotecommand): the WebSocket channel numbers.</summary>
public enum ExecChannel : byte
{
    Stdin = 0,
    Stdout = 1,
    Stderr = 2,
    Error = 3,
    Resize = 4,
}

/// <summary>
/// One exec or attach connection, whichever upgrade carried it: what the client sends on stdin (completed when it
/// closes stdin or goes away), writes to stdout/stderr, and the final metav1.Status on the error channel.
/// </summary>
public interface IExecTransport : IAsyncDisposable
{
    ChannelReader<byte[]> Stdin { get; }

    /// <summary>Starts reading the client; for SPDY, returns once every stream the request asked for is open.</summary>
    Task StartAsync(CancellationToken ct);

    Task WriteAsync(ExecChannel channel, ReadOnlyMemory<byte> data, CancellationToken ct);

    /// <summary>Writes the status on the error channel and closes the connection.</summary>
    Task FinishAsync(JsonObject status, CancellationToken ct);
}
