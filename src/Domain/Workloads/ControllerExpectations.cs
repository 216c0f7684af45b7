namespace Emulator.Domain.Workloads;

/// <summary>
/// pkg/controller/controller_utils.go ControllerExpectations: per controller key, the creates and deletes issued but
/// not yet observed through the watch. A sync that finds unmet expectations does not create or delete again, so a
/// controller never over-creates while its own writes are in flight. Expectations expire after five minutes
/// (ExpectationsTimeout), so a lost event cannot stall a controller for ever.
/// </summary>
public sealed class ControllerExpectations<TKey>(TimeProvider? time = null) where TKey : notnull
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Dictionary<TKey, (int Adds, int Deletes, DateTimeOffset Since)> _pending = [];
    private readonly Lock _gate = new();

    public void ExpectCreations(TKey key, int count) => Change(key, count, 0, reset: true);

    public void ExpectDeletions(TKey key, int count) => Change(key, 0, count, reset: true);

    public void CreationObserved(TKey key) => Change(key, -1, 0, reset: false);

    public void DeletionObserved(TKey key) => Change(key, 0, -1, reset: false);

    public void LowerCreations(TKey key, int count) => Change(key, -count, 0, reset: false);

    public void Forget(TKey key)
    {
        lock (_gate) _pending.Remove(key);
    }

    /// <summary>True when nothing is pending (or the expectation expired): the controller may act on what it sees.</summary>
    public bool Satisfied(TKey key)
    {
        lock (_gate)
        {
            if (!_pending.TryGetValue(key, out var e)) return true;
            return (e.Adds <= 0 && e.Deletes <= 0) || _time.GetUtcNow() - e.Since > Timeout;
        }
    }

    private void Change(TKey key, int adds, int deletes, bool reset)
    {
        lock (_gate)
        {
            _pending.TryGetValue(key, out var e);
            if (reset) e = (Math.Max(0, e.Adds) + adds, Math.Max(0, e.Deletes) + deletes, _time.GetUtcNow());
            else if (_pending.ContainsKey(key)) e = (e.Adds + adds, e.Deletes + deletes, e.Since);
            else return;
            _pending[key] = e;
        }
    }
}
