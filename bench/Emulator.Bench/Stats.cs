using System.Diagnostics;

namespace Emulator.Bench;

internal static class Stats
{
    public static double Ms(long fromTimestamp, long toTimestamp) =>
        (toTimestamp - fromTimestamp) * 1000.0 / Stopwatch.Frequency;

    /// <summary>Percentile with linear interpolation between closest ranks; NaN for no samples.</summary>
    public static double Percentile(IReadOnlyList<double> samples, double p)
    {
        if (samples.Count == 0) return double.NaN;
        var sorted = samples.Order().ToArray();
        var rank = p / 100.0 * (sorted.Length - 1);
        var lo = (int)Math.Floor(rank);
        var hi = (int)Math.Ceiling(rank);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
    }

    public static double Median(IReadOnlyList<double> samples) => Percentile(samples, 50);
    public static double P99(IReadOnlyList<double> samples) => Percentile(samples, 99);
}
