using System.Runtime.InteropServices;

namespace Emulator.Infrastructure.Proxy.EventLoop;

/// <summary>
/// The process's relay loops, one per core (at most four), started on first use and shared by every listener.
/// Listeners are spread round-robin; a connection stays on the loop of the listener that accepted it.
/// </summary>
internal static class RelayLoops
{
    private static readonly Lazy<RelayLoop[]> Loops = new(() =>
        [.. Enumerable.Range(0, Math.Clamp(Environment.ProcessorCount, 1, 4)).Select(i => new RelayLoop($"proxy-loop-{i}"))]);

    private static int _next = -1;

    private static readonly string? Choice = Environment.GetEnvironmentVariable("EMULATOR_PROXY_RELAY")?.ToLowerInvariant();

    /// <summary>
    /// Linux on x86-64 (the epoll_event layout is declared for it), unless EMULATOR_PROXY_RELAY=managed asks for the
    /// portable Socket-based relay (kept for other platforms and for same-run comparisons in bench §6).
    /// </summary>
    public static bool IsSupported { get; } =
        OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64 && Choice != "managed";

    public static RelayLoop Next()
    {
        var loops = Loops.Value;
        return loops[(int)((uint)Interlocked.Increment(ref _next) % (uint)loops.Length)];
    }
}
