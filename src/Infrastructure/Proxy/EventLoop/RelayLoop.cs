using System.Collections.Concurrent;
using System.Diagnostics;

namespace Emulator.Infrastructure.Proxy.EventLoop;

/// <summary>
/// One thread running a level-triggered epoll loop over raw descriptors, as HAProxy's does: listeners accept, and
/// relayed connections move bytes, on this thread without a thread-pool hop per read. Handlers are touched only
/// here; other threads reach the loop through <see cref="Post"/>.
/// </summary>
internal sealed unsafe class RelayLoop
{
    private const int MaxEvents = 256;
    private const int TickMilliseconds = 250;
    private const ulong WakeToken = 0;
    private static readonly TimeSpan SpinAfterActivity = TimeSpan.FromMicroseconds(50);

    private readonly int _epoll;
    private readonly int _wake;
    private readonly Dictionary<ulong, ILoopHandler> _handlers = [];
    private readonly ConcurrentQueue<Action> _commands = new();
    private readonly List<Action> _tickActions = [];
    private readonly Thread _thread;
    private ulong _nextToken = WakeToken;

    public RelayLoop(string name)
    {
        _epoll = Libc.epoll_create1(Libc.OCloExec);
        if (_epoll < 0) throw new InvalidOperationException($"epoll_create1 failed: errno {Libc.Errno}");
        _wake = Libc.eventfd(0, Libc.ONonBlock | Libc.OCloExec);
        if (_wake < 0) throw new InvalidOperationException($"eventfd failed: errno {Libc.Errno}");
        var ev = new Libc.EpollEvent { Events = Libc.EpollIn, Data = WakeToken };
        if (Libc.epoll_ctl(_epoll, Libc.EpollCtlAdd, _wake, &ev) < 0) throw new InvalidOperationException($"epoll_ctl failed: errno {Libc.Errno}");
        _tickActions.Add(Tracker.Tick);
        _thread = new Thread(Run) { IsBackground = true, Name = name };
        _thread.Start();
    }

    public bool OnLoopThread => Thread.CurrentThread == _thread;

    public ConnectionTracker Tracker { get; } = new();

    /// <summary>Adds <paramref name="fd"/> with the given interest; the token identifies it in later calls.</summary>
    public ulong Register(int fd, uint events, ILoopHandler handler)
    {
        Debug.Assert(OnLoopThread);
        var token = NewToken();
        var ev = new Libc.EpollEvent { Events = events, Data = token };
        if (Libc.epoll_ctl(_epoll, Libc.EpollCtlAdd, fd, &ev) < 0) return 0;
        _handlers[token] = handler;
        return token;
    }

    /// <summary>
    /// <see cref="Register"/> from another thread. The handler is added by a posted command; an event that comes
    /// first finds no handler and is reported again, since the loop is level-triggered.
    /// </summary>
    public ulong RegisterFromAnyThread(int fd, uint events, ILoopHandler handler)
    {
        var token = NewToken();
        Post(() => _handlers[token] = handler);
        var ev = new Libc.EpollEvent { Events = events, Data = token };
        if (Libc.epoll_ctl(_epoll, Libc.EpollCtlAdd, fd, &ev) == 0) return token;
        Post(() => _handlers.Remove(token));
        return 0;
    }

    /// <summary>
    /// <see cref="Unregister"/> from another thread, without waiting for the loop: the caller must make sure an event
    /// already fetched for <paramref name="fd"/> finds it closed (see <see cref="LoopTcpListener"/>'s gate).
    /// </summary>
    public void UnregisterFromAnyThread(int fd, ulong token)
    {
        if (token == 0) return;
        Libc.epoll_ctl(_epoll, Libc.EpollCtlDel, fd, null);
        Post(() => _handlers.Remove(token));
    }

    private ulong NewToken() => Interlocked.Increment(ref _nextToken);

    public void Modify(int fd, ulong token, uint events)
    {
        var ev = new Libc.EpollEvent { Events = events, Data = token };
        Libc.epoll_ctl(_epoll, Libc.EpollCtlMod, fd, &ev);
    }

    /// <summary>Removes <paramref name="fd"/> before it is closed, so a reused descriptor number never reaches the old handler.</summary>
    public void Unregister(int fd, ulong token)
    {
        if (token == 0) return;
        Libc.epoll_ctl(_epoll, Libc.EpollCtlDel, fd, null);
        _handlers.Remove(token);
    }

    /// <summary>Called on the loop thread about every quarter second (connect time-outs, paused listeners).</summary>
    public void OnTick(Action action) => Post(() => _tickActions.Add(action));

    public void RemoveTick(Action action) => Post(() => _tickActions.Remove(action));

    /// <summary>Runs <paramref name="action"/> on the loop thread soon, without waiting for it.</summary>
    public void Post(Action action)
    {
        _commands.Enqueue(action);
        long one = 1;
        Libc.write(_wake, &one, sizeof(long));
    }

    private void Run()
    {
        var events = stackalloc Libc.EpollEvent[MaxEvents];
        var lastTick = Environment.TickCount64;
        var lastActivity = 0L;
        while (true)
        {
            // Right after traffic, poll without sleeping for a few tens of microseconds: the answer to what was just
            // forwarded usually comes back within that time, and a sleeping thread (a halted vCPU on a VM) takes
            // longer than that to wake. Idle loops block as usual.
            var spinning = Stopwatch.GetElapsedTime(lastActivity) < SpinAfterActivity;
            var n = Libc.epoll_wait(_epoll, events, MaxEvents, spinning ? 0 : TickMilliseconds);
            if (n < 0 && Libc.Errno != Libc.EIntr) return;
            if (n > 0) lastActivity = Stopwatch.GetTimestamp();
            // Nothing yet while spinning: let a thread that is waiting for this CPU (often the client or the backend
            // being relayed for) run first instead of burning its time slice.
            else if (spinning) Libc.sched_yield();
            for (var i = 0; i < n; i++)
            {
                var token = events[i].Data;
                if (token == WakeToken)
                {
                    RunCommands();
                    continue;
                }
                if (!_handlers.TryGetValue(token, out var handler)) continue;
                try
                {
                    handler.OnEvents(events[i].Events);
                }
                catch (Exception)
                {
                    // A bug in one connection must not stop every other one on this loop: reset it and go on.
                    handler.Abort();
                }
            }
            var now = Environment.TickCount64;
            if (now - lastTick < TickMilliseconds) continue;
            lastTick = now;
            foreach (var tick in _tickActions) tick();
        }
    }

    private void RunCommands()
    {
        long value;
        Libc.read(_wake, &value, sizeof(long));
        while (_commands.TryDequeue(out var command))
        {
            try
            {
                command();
            }
            catch (Exception)
            {
                // Commands only touch the loop's own tables; a failure must not stop the loop.
            }
        }
    }
}
