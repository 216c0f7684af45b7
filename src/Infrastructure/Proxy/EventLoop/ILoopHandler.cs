namespace Emulator.Infrastructure.Proxy.EventLoop;

/// <summary>Something registered with a <see cref="RelayLoop"/>: called on the loop thread for its descriptor's events.</summary>
internal interface ILoopHandler
{
    void OnEvents(uint events);

    /// <summary>The loop is stopping (or the handler threw): release the descriptor.</summary>
    void Abort();
}
