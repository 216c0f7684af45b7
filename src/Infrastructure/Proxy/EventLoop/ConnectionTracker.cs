namespace Emulator.Infrastructure.Proxy.EventLoop;

/// <summary>A loop's connections whose backend connect is still pending, checked on each tick for the time-out.</summary>
internal sealed class ConnectionTracker
{
    public HashSet<RelayConnection> Connecting { get; } = [];

    public void Tick()
    {
        if (Connecting.Count == 0) return;
        var now = Environment.TickCount64;
        Connecting.RemoveWhere(c => !c.IsConnecting || c.ConnectTimedOut(now));
    }
}
