using System.Globalization;
using System.Text.Json.Nodes;

namespace Emulator.Domain.Printing;

/// <summary>
/// The apiserver's Age-style cells: a port of apimachinery's duration.HumanDuration
/// (staging/src/k8s.io/apimachinery/pkg/util/duration/duration.go) and of printers.go's translateTimestampSince.
/// </summary>
public static class HumanDuration
{
    /// <summary>What translateTimestampSince prints for a zero (absent) timestamp.</summary>
    public const string Unknown = "<unknown>";

    /// <summary>~2-3 significant figures: "59s", "119s", "2m", "3m10s", "10m", "3h", "3h5m", "8h", "2d", "2d3h", "8d", "2y", "2y5d", "8y".</summary>
    public static string Format(TimeSpan d)
    {
        // Go truncates toward zero (int(d.Seconds())); up to 2 seconds in the future is clock skew and prints "0s".
        var seconds = d.Ticks / TimeSpan.TicksPerSecond;
        if (seconds < -1) return "<invalid>";
        if (seconds < 0) return "0s";
        if (seconds < 60 * 2) return Invariant($"{seconds}s");

        var minutes = d.Ticks / TimeSpan.TicksPerMinute;
        if (minutes < 10)
        {
            var s = seconds % 60;
            return s == 0 ? Invariant($"{minutes}m") : Invariant($"{minutes}m{s}s");
        }
        if (minutes < 60 * 3) return Invariant($"{minutes}m");

        var hours = d.Ticks / TimeSpan.TicksPerHour;
        if (hours < 8)
        {
            var m = minutes % 60;
            return m == 0 ? Invariant($"{hours}h") : Invariant($"{hours}h{m}m");
        }
        if (hours < 48) return Invariant($"{hours}h");
        if (hours < 24 * 8)
        {
            var h = hours % 24;
            return h == 0 ? Invariant($"{hours / 24}d") : Invariant($"{hours / 24}d{h}h");
        }
        if (hours < 24 * 365 * 2) return Invariant($"{hours / 24}d");
        if (hours < 24 * 365 * 8)
        {
            var dy = hours / 24 % 365;
            return dy == 0 ? Invariant($"{hours / 24 / 365}y") : Invariant($"{hours / 24 / 365}y{dy}d");
        }
        return Invariant($"{hours / 24 / 365}y");
    }

    /// <summary>The Age cell: metadata.creationTimestamp relative to <paramref name="now"/>, "&lt;unknown&gt;" when absent.</summary>
    public static string Age(JsonObject obj, DateTimeOffset now) =>
        Since(obj["metadata"]?["creationTimestamp"], now);

    /// <summary>translateTimestampSince / translateMicroTimestampSince: "&lt;unknown&gt;" for a zero (absent or unparsable) time.</summary>
    public static string Since(JsonNode? timestamp, DateTimeOffset now) =>
        ParseTime(timestamp) is { } t ? Format(now - t) : Unknown;

    /// <summary>
    /// Parses a metav1.Time (RFC 3339, seconds) or metav1.MicroTime (RFC 3339, microseconds); null when absent,
    /// which is the Go zero time that the printers test with IsZero().
    /// </summary>
    public static DateTimeOffset? ParseTime(JsonNode? timestamp)
    {
        if (timestamp is not JsonValue value || !value.TryGetValue<string>(out var text) || text.Length == 0) return null;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed
            : null;
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
