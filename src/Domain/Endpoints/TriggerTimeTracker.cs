using k8s.Models;

namespace Emulator.Domain.Endpoints;

/// <summary>
/// kubernetes/endpointslice util/trigger_time_tracker.go: the last-change-trigger-time of a sync is the earliest
/// trigger time that changed since the previous sync of the same service, where a pod's trigger time is its Ready
/// condition's lastTransitionTime and the service's is its creationTimestamp (so the first sync reports the
/// service's creation). Null when nothing changed. One instance per controller; safe across threads.
/// </summary>
public sealed class TriggerTimeTracker
{
    private readonly Dictionary<(string Ns, string Name), State> _states = [];
    private readonly Lock _gate = new();

    public DateTime? Compute(V1Service service, IEnumerable<V1Pod> pods)
    {
        var key = (service.Metadata?.NamespaceProperty ?? "", service.Metadata?.Name ?? "");
        lock (_gate)
        {
            var previous = _states.GetValueOrDefault(key) ?? new State(new Dictionary<string, DateTime>(), null);
            DateTime? earliest = null;
            var current = new Dictionary<string, DateTime>(StringComparer.Ordinal);
            foreach (var pod in pods)
            {
                if (PodEndpointRules.ReadyTransitionTime(pod) is not { } t) continue;
                var name = pod.Metadata?.Name ?? "";
                current[name] = t;
                if (!previous.Pods.TryGetValue(name, out var before) || t > before) earliest = Min(earliest, t);
            }
            var serviceTime = service.Metadata?.CreationTimestamp is { } c ? PodEndpointRules.Utc(c) : (DateTime?)null;
            if (serviceTime is { } s && (previous.Service is null || s > previous.Service)) earliest = Min(earliest, s);
            _states[key] = new State(current, serviceTime ?? previous.Service);
            return earliest;
        }
    }

    /// <summary>Forgets a deleted service, so a re-created one starts over.</summary>
    public void Forget(string ns, string name)
    {
        lock (_gate) _states.Remove((ns, name));
    }

    private static DateTime Min(DateTime? a, DateTime b) => a is { } x && x < b ? x : b;

    private sealed record State(Dictionary<string, DateTime> Pods, DateTime? Service);
}
