namespace Emulator.Domain.Kubelet;

/// <summary>
/// The kubelet's crash-loop back-off per container (flowcontrol.Backoff as kuberuntime uses it): the first restart is
/// immediate and starts the back-off at <c>initial</c>; a container that dies while backed off waits until its finish
/// time plus the current back-off; each restart doubles it up to <c>max</c>. An entry idle for twice the maximum expires.
/// </summary>
public sealed class RestartBackOff(TimeSpan initial, TimeSpan max)
{
    private TimeSpan? _current;
    private DateTimeOffset _lastUpdate;

    public TimeSpan? Current => _current;

    /// <summary>How long to wait, from <paramref name="now"/>, before restarting a container that finished at <paramref name="finishedAt"/>.</summary>
    public TimeSpan DelayBeforeRestart(DateTimeOffset finishedAt, DateTimeOffset now)
    {
        if (_current is not { } backoff || Expired(finishedAt)) return TimeSpan.Zero;
        var wait = finishedAt + backoff - now;
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }

    /// <summary>A restart happens now: the next crash waits longer.</summary>
    public void Restarted(DateTimeOffset now)
    {
        _current = _current is not { } backoff || Expired(now) ? initial : backoff * 2 > max ? max : backoff * 2;
        _lastUpdate = now;
    }

    private bool Expired(DateTimeOffset at) => at - _lastUpdate > max * 2;
}
