namespace Emulator.Domain.Proxy;

/// <summary>
/// sessionAffinity: ClientIP for one service port. Like the iptables proxier's "recent" module (--rcheck --seconds
/// timeout --reap, refreshed by every new connection), an entry lives for timeoutSeconds after the client's last new
/// connection: a sliding window.
/// </summary>
public sealed class ClientIpAffinity(TimeSpan timeout, TimeProvider time)
{
    private readonly Dictionary<string, (ProxyEndpoint Endpoint, DateTimeOffset LastUsed)> _entries = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public TimeSpan Timeout { get; } = timeout;

    /// <summary>The endpoint this client last used, if that was within the timeout.</summary>
    public ProxyEndpoint? Recall(string clientIp)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (!_entries.TryGetValue(clientIp, out var entry)) return null;
            if (now - entry.LastUsed <= Timeout) return entry.Endpoint;
            _entries.Remove(clientIp);
            return null;
        }
    }

    public void Remember(string clientIp, ProxyEndpoint endpoint)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            _entries[clientIp] = (endpoint, now);
            if (_entries.Count > 4096) Reap(now);
        }
    }

    private void Reap(DateTimeOffset now)
    {
        foreach (var (ip, entry) in _entries.ToList())
            if (now - entry.LastUsed > Timeout) _entries.Remove(ip);
    }
}
