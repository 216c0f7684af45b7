using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Emulator.E2E.Tests.Harness;
using Xunit.Sdk;

namespace Emulator.E2E.Tests.Proxy;

/// <summary>What a client sees when it connects to a service address: an answer, a refusal, a reset or nothing.</summary>
public static class Probe
{
    public enum Outcome
    {
        Answered,
        Refused,
        Reset,
        Silent,
    }

    /// <summary>One HTTP GET on a new connection (so each request is a new flow for the proxy); null body unless answered.</summary>
    public static async Task<(Outcome Outcome, string? Body)> GetAsync(string address, int port, string path = "/", TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(5));
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(IPAddress.Parse(address), port, cts.Token);
            await socket.SendAsync(Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"), cts.Token);
            var response = new MemoryStream();
            var buffer = new byte[4096];
            int n;
            while ((n = await socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token)) > 0) response.Write(buffer, 0, n);
            var text = Encoding.UTF8.GetString(response.ToArray());
            var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            return split < 0 ? (Outcome.Reset, null) : (Outcome.Answered, text[(split + 4)..]);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return (Outcome.Refused, null);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            return (Outcome.Reset, null);
        }
        catch (OperationCanceledException)
        {
            return (Outcome.Silent, null);
        }
    }

    /// <summary>Polls until the address answers; the body (a backend's "name method path") is returned.</summary>
    public static Task<string> AnswerAsync(string address, int port, string path = "/") =>
        UntilAsync(address, port, Outcome.Answered, path);

    /// <summary>Polls until a connection to the address is refused.</summary>
    public static Task RefusedAsync(string address, int port) => UntilAsync(address, port, Outcome.Refused, "/");

    private static async Task<string> UntilAsync(string address, int port, Outcome wanted, string path)
    {
        var clock = Stopwatch.StartNew();
        (Outcome Outcome, string? Body) last;
        while (true)
        {
            last = await GetAsync(address, port, path);
            if (last.Outcome == wanted) return last.Body ?? "";
            if (clock.Elapsed > Deadlines.Event)
                throw new XunitException($"{address}:{port} never became {wanted}; last outcome {last.Outcome} after {Deadlines.Event.TotalSeconds} s");
            await Task.Delay(50);
        }
    }

    /// <summary>The backend name in a body written by <see cref="TestBackend"/>.</summary>
    public static string Backend(string body) => body.Split(' ')[0];
}
