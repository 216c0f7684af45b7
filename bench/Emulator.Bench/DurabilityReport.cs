using System.Globalization;

namespace Emulator.Bench;

/// <summary>The docs/benchmarks.md section of <see cref="DurabilityBench"/>.</summary>
internal static class DurabilityReport
{
    public static IEnumerable<string> Lines(DurabilityResult? d)
    {
        if (d is null) yield break;
        yield return "## 7. Store writes and the flood /readyz must survive";
        yield return "";
        if (d.Store is { } s)
        {
            yield return $"Writes through the emulator's `ObjectStore` (in process, one writer, {s.Writes:N0} creates of a {s.BodyBytes}-byte ConfigMap per rep,";
            yield return "decide callback + JSON + snapshot + watch fan-out + one SQLite transaction) against raw prepared INSERTs of the same two rows";
            yield return "(change log + object) into the same schema, WAL + `synchronous=NORMAL`, one transaction per write. Median of";
            yield return $"{s.Reps} reps in this run, the side that goes first alternating.";
            yield return "";
            yield return "| path | writes/s (median) | reps | ratio to raw SQLite |";
            yield return "|---|---:|---|---:|";
            yield return $"| raw SQLite inserts (baseline) | {N(s.Raw)} | {string.Join(" / ", s.RawWritesPerSecond.Select(N))} | 1.00 |";
            yield return $"| ObjectStore.WriteAsync | {N(s.Store)} | {string.Join(" / ", s.StoreWritesPerSecond.Select(N))} | {s.Store / s.Raw:0.00} |";
            yield return "";
        }

        yield return "A flood of API requests over plain HTTP (90 % GET one ConfigMap, 10 % CREATE; closed loop, N clients) while a";
        yield return "separate connection GETs `/readyz` every 10 ms. A failed or non-200 probe counts as infinitely slow.";
        yield return $"`/readyz` alone (no flood): p99 {Ms(d.IdleReadyzP99)}.";
        yield return "";
        yield return "| clients | API req/s | errors | /readyz probes | p50 | p99 | max | p99 < 100 ms |";
        yield return "|---:|---:|---:|---:|---:|---:|---:|:---:|";
        foreach (var f in d.Flood)
        {
            yield return $"| {f.Concurrency} | {N(f.Rps)} | {f.Errors} | {f.Probes} | {Ms(f.ReadyzP50)} | {Ms(f.ReadyzP99)} | {Ms(f.ReadyzMax)} | {(f.ReadyzP99 < DurabilityResult.ReadyzBudgetMs ? "yes" : "**no**")} |";
        }

        yield return "";
        yield return d.Sustained is { } best
            ? $"**Sustained: {N(best.Rps)} requests/s with /readyz p99 {Ms(best.ReadyzP99)} (< 100 ms), at {best.Concurrency} concurrent clients.**"
            : "**No flood level kept /readyz p99 under 100 ms.**";
        yield return "";
    }

    private static string N(double v) => double.IsFinite(v) ? v.ToString("N0", CultureInfo.InvariantCulture) : "–";

    private static string Ms(double ms) => double.IsFinite(ms) ? $"{ms.ToString(ms < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture)} ms" : "∞";
}
