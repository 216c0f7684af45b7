using System.Threading.Channels;

namespace Emulator.Infrastructure.Kubelet;

/// <summary>
/// What the emulated containers wrote to stdout, per namespace/pod/container and per container instance (the runtime
/// keeps the log of a dead container until the next one replaces it, so <c>kubectl logs --previous</c> reads the
/// instance before): the last lines with their timestamps, and live followers for <c>kubectl logs -f</c>, whose stream
/// ends when the instance exits.
/// </summary>
public sealed class PodLogs(TimeProvider time)
{
    private const int MaxLines = 10_000;
    private const int KeptInstances = 3;
    private readonly Dictionary<(string Ns, string Pod, string Container), List<Instance>> _logs = [];
    private readonly Lock _gate = new();

    public sealed record Line(DateTimeOffset Time, string Text);

    private sealed class Instance(string containerId)
    {
        public string ContainerId { get; } = containerId;
        public LinkedList<Line> Lines { get; } = new();
        public List<Channel<Line>> Followers { get; } = [];
        public bool Ended { get; set; }
    }

    /// <summary>A new container instance starts: later lines are its own; the previous instance's followers see the end.</summary>
    public void Begin(string ns, string pod, string container, string containerId)
    {
        lock (_gate)
        {
            var instances = Get(ns, pod, container);
            if (instances.Count > 0) EndLocked(instances[^1]);
            instances.Add(new Instance(containerId));
            while (instances.Count > KeptInstances) instances.RemoveAt(0);
        }
    }

    /// <summary>The current instance exited: followers see the end of the stream, its lines stay readable.</summary>
    public void End(string ns, string pod, string container)
    {
        lock (_gate)
        {
            if (_logs.TryGetValue((ns, pod, container), out var instances) && instances.Count > 0) EndLocked(instances[^1]);
        }
    }

    public void Append(string ns, string pod, string container, string text)
    {
        var line = new Line(time.GetUtcNow(), text);
        lock (_gate)
        {
            var instances = Get(ns, pod, container);
            if (instances.Count == 0) instances.Add(new Instance(""));
            var log = instances[^1];
            log.Lines.AddLast(line);
            while (log.Lines.Count > MaxLines) log.Lines.RemoveFirst();
            foreach (var f in log.Followers) f.Writer.TryWrite(line);
        }
    }

    public bool Has(string ns, string pod, string container)
    {
        lock (_gate) return _logs.ContainsKey((ns, pod, container));
    }

    /// <summary>
    /// The retained lines of one instance (by container id; the latest when null) and, when <paramref name="follow"/>
    /// and the instance still runs, a reader of every later line (registered atomically with the snapshot). Null when
    /// no such instance is kept.
    /// </summary>
    public (IReadOnlyList<Line> Lines, ChannelReader<Line>? Live, Action Unsubscribe)? Read(string ns, string pod, string container, string? containerId,
        bool follow)
    {
        lock (_gate)
        {
            if (!_logs.TryGetValue((ns, pod, container), out var instances) || instances.Count == 0)
                return containerId is null ? ([], null, () => { }) : null;
            var log = containerId is null ? instances[^1] : instances.LastOrDefault(i => i.ContainerId == containerId);
            if (log is null) return null;
            var lines = log.Lines.ToList();
            if (!follow || log.Ended) return (lines, null, () => { });
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
                foreach (var instance in _logs[key]) EndLocked(instance);
                _logs.Remove(key);
            }
        }
    }

    private static void EndLocked(Instance instance)
    {
        instance.Ended = true;
        foreach (var f in instance.Followers) f.Writer.TryComplete();
        instance.Followers.Clear();
    }

    private List<Instance> Get(string ns, string pod, string container)
    {
        if (!_logs.TryGetValue((ns, pod, container), out var log)) _logs[(ns, pod, container)] = log = [];
        return log;
    }
}
