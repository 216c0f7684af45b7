using System.Threading.Channels;

namespace Emulator.Infrastructure.Controllers.Framework;

/// <summary>
/// client-go's workqueue contract: a key is never processed by two workers at once, duplicates collapse while
/// queued, and a key re-added while in flight gets exactly one more pass after Done.
/// </summary>
public sealed class WorkQueue<T> where T : notnull
{
    private readonly Channel<T> _ready = Channel.CreateUnbounded<T>();
    private readonly HashSet<T> _dirty = [], _processing = [];
    private readonly Lock _gate = new();

    public void Add(T key)
    {
        lock (_gate)
        {
            if (!_dirty.Add(key) || _processing.Contains(key)) return;
        }
        _ready.Writer.TryWrite(key);
    }

    public async ValueTask<T> TakeAsync(CancellationToken ct)
    {
        while (true)
        {
            var key = await _ready.Reader.ReadAsync(ct);
            lock (_gate)
            {
                if (!_dirty.Remove(key)) continue;
                _processing.Add(key);
                return key;
            }
        }
    }

    public void Done(T key)
    {
        bool again;
        lock (_gate)
        {
            _processing.Remove(key);
            again = _dirty.Contains(key);
        }
        if (again) _ready.Writer.TryWrite(key);
    }

    public int Count
    {
        get { lock (_gate) return _dirty.Count; }
    }
}
