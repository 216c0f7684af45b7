using System.Text.Json.Nodes;
using Emulator.Domain.Workloads;

namespace Emulator.Domain.Kubelet;

public enum ProbeKind
{
    Startup,
    Liveness,
    Readiness,
}

/// <summary>A container's probe with the API defaults applied (pkg/apis/core/v1/defaults.go: period 10 s, timeout 1 s, thresholds 1 and 3).</summary>
public sealed record ProbeSpec(ProbeKind Kind, JsonObject Handler, TimeSpan InitialDelay, TimeSpan Period, TimeSpan Timeout, int SuccessThreshold, int FailureThreshold)
{
    public static ProbeSpec? Of(JsonObject container, ProbeKind kind)
    {
        var field = kind switch { ProbeKind.Startup => "startupProbe", ProbeKind.Liveness => "livenessProbe", _ => "readinessProbe" };
        if (container[field] is not JsonObject probe) return null;
        return new ProbeSpec(kind, probe,
            TimeSpan.FromSeconds(Math.Max(0, JsonNumber.Int(probe["initialDelaySeconds"], 0))),
            TimeSpan.FromSeconds(Math.Max(1, JsonNumber.Int(probe["periodSeconds"], 10))),
            TimeSpan.FromSeconds(Math.Max(1, JsonNumber.Int(probe["timeoutSeconds"], 1))),
            Math.Max(1, JsonNumber.Int(probe["successThreshold"], 1)),
            Math.Max(1, JsonNumber.Int(probe["failureThreshold"], 3)));
    }

    /// <summary>"Liveness", "Readiness", "Startup": how the prober names the probe in its events.</summary>
    public string Name => Kind.ToString();
}

/// <summary>
/// One probe worker's memory (pkg/kubelet/prober/worker.go): the result changes only after successThreshold
/// consecutive successes or failureThreshold consecutive failures; liveness starts as success, the others not.
/// </summary>
public sealed class ProbeTracker(ProbeSpec spec, DateTimeOffset containerStarted)
{
    private bool? _last;
    private int _streak;

    public ProbeSpec Spec { get; } = spec;

    public bool Result { get; private set; } = spec.Kind == ProbeKind.Liveness;

    public DateTimeOffset NextDue { get; private set; } = containerStarted + spec.InitialDelay;

    /// <summary>failureThreshold consecutive failures: a liveness or startup probe now kills the container.</summary>
    public bool FailedThreshold => _last == false && _streak >= Spec.FailureThreshold;

    /// <summary>Records one probe outcome at <paramref name="now"/>; true when the result flipped.</summary>
    public bool Record(bool success, DateTimeOffset now)
    {
        _streak = _last == success ? _streak + 1 : 1;
        _last = success;
        NextDue = now + Spec.Period;
        var threshold = success ? Spec.SuccessThreshold : Spec.FailureThreshold;
        if (_streak < threshold || Result == success) return false;
        Result = success;
        return true;
    }
}
