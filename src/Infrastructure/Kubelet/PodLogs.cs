using System.Threading.Channels;

namespace Emulator.Infrastructure.Kubelet;

/// <summary>
/// What the emulated containers wrote to stdout, per namespace/pod/container: the last lines (as the runtime's log
/// file rotation keeps a bounded amount) with their timestamps, and live followers for <c>kubectl logs -f</c>.
/// </summary>
public sealed class PodLogs(TimeProvider time)
{
    private const int MaxLines = 10_000;
    private readonly Dictionary<(string Ns, string Pod, string Container), ContainerLog> _logs = [];
    private readonly Lock _gate = new();

    public sealed record Line(DateTimeOffset Time, string Text);

    private sealed class ContainerLog
    {
        public LinkedList<Line> Lines { get; } = new();
        public List<Channel<Line>> Followers { get; } = [];
    }

    public void Append(string ns, string pod, string container, string text)
    {
        var line = new Line(time.GetUtcNow(), text);
        lock (_gate)
        {
            var log = Get(ns, pod, container);
            log.Lines.AddLast(line);
            while (log.Lines.Count > MaxLines) log.Lines.RemoveFirst();
            foreach (var f in log.Followers) f.Writer.TryWrite(line);
        }
    }

    public bool Has(string ns, string pod, string container)
    {
        lock (_gate) return _logs.ContainsKey((ns, pod, container));
    }

    /// <summary>The retained lines and, when <paramref name="follow"/>, a reader of every later line (registered atomically with the snapshot).</summary>
    public (IReadOnlyList<Line> Lines, ChannelReader<Line>? Live, Action Unsubscribe) Read(string ns, string pod, string container, bool follow)
    {
        lock (_gate)
        {
            var log = Get(ns, pod, container);
            var lines = log.Lines.ToList();
            if (!follow) return (lines, null, () => { });
            var channel = Channel.CreateUnbounded<Line>();
            log.Followers.Add(channel);
            return (lines, channel.Reader, () =>
            {
                lock (_gate) log.Followers.Remove(channel);
            });
        }
    }

    /// <summary>The pod is gone: its logs go, and followers see the end of the stream.</summary>
    public void Remove(string ns, string pod)
    {
        lock (_gate)
        {
            foreach (var key in _logs.Keys.Where(k => k.Ns == ns && k.Pod == pod).ToList())
            {
                foreach (var f in _logs[key].Followers) f.Writer.TryComplete();
                _logs.Remove(key);
            }
        }
    }

    private ContainerLog Get(string ns, string pod, string container)
    {
        if (!_logs.TryGetValue((ns, pod, container), out var log)) _logs[(ns, pod, container)] = log = new ContainerLog();
        return log;
    }
}
