using System.Globalization;

namespace Emulator.Domain.Kubelet;

/// <summary>Go's time.Duration.String() for the whole-millisecond durations the kubelet prints ("10s", "1m20s", "500ms").</summary>
public static class GoDuration
{
    public static string Format(TimeSpan d)
    {
        if (d == TimeSpan.Zero) return "0s";
        if (d < TimeSpan.FromSeconds(1)) return $"{((long)d.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)}ms";
        var hours = (long)d.TotalHours;
        var minutes = d.Minutes;
        var seconds = d.Seconds + d.Milliseconds / 1000.0;
        var s = seconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";
        if (hours > 0) return $"{hours.ToString(CultureInfo.InvariantCulture)}h{minutes.ToString(CultureInfo.InvariantCulture)}m{s}";
        if (minutes > 0) return $"{minutes.ToString(CultureInfo.InvariantCulture)}m{s}";
        return s;
    }
}
