using System.Globalization;
using System.Text;

namespace Emulator.Bench;

/// <summary>§5 of docs/benchmarks.md: deployment rollout against pods created directly.</summary>
internal static class RolloutReport
{
    public static void Append(StringBuilder md, Results r)
    {
        if (r.Rollout.Count == 0) return;
        void L(string line = "") => md.Append(line).Append('\n');
        var n = r.Rollout[0].Replicas;
        var deploy = r.Rollout.Select(s => s.DeploymentMs).ToList();
        var pods = r.Rollout.Select(s => s.PodsMs).ToList();
        var deployFirst = r.Rollout.Select(s => s.DeploymentFirstReadyMs).ToList();
        var podsFirst = r.Rollout.Select(s => s.PodsFirstReadyMs).ToList();
        L("## 5. Deployment rollout to Ready");
        L();
        L($"Median of {r.Rollout.Count} runs, min–max in brackets, in one emulator with its 3 simulated nodes. Emulator: time");
        L($"from the `POST` of a Deployment with `replicas: {n}` (nginx) to all {n} pods `Ready` (deployment and");
        L("replicaset controllers, scheduler and simulated kubelet on the way), polled every 50 ms. Baseline, same run,");
        L($"interleaved: {n} pods `POST`ed directly through the API (16 at a time) to all `Ready` (scheduler and kubelet");
        L("only). Ratio = deployment / direct pods. Pods/s = pods Ready per second from the first request. For");
        L("reference, KWOK publishes about 20 pods/s for its fake nodes (not measured here).");
        L();
        L("| measure | deployment | direct pods (baseline) | ratio |");
        L("|---|---:|---:|---:|");
        L($"| create → all {n} pods Ready | {Range(deploy)} | {Range(pods)} | {Ratio(Stats.Median(deploy), Stats.Median(pods))} |");
        L($"| create → first pod Ready | {Range(deployFirst)} | {Range(podsFirst)} | {Ratio(Stats.Median(deployFirst), Stats.Median(podsFirst))} |");
        L($"| pods started per second | {PerSecond(n, Stats.Median(deploy))} | {PerSecond(n, Stats.Median(pods))} | {Ratio(n / Stats.Median(pods), n / Stats.Median(deploy))} |");
        L();
    }

    private static string PerSecond(int n, double ms) => double.IsFinite(ms) && ms > 0 ? (n * 1000 / ms).ToString("0.0", CultureInfo.InvariantCulture) : "–";

    private static string Ratio(double a, double b) =>
        double.IsFinite(a) && double.IsFinite(b) && b > 0 ? (a / b).ToString("0.00", CultureInfo.InvariantCulture) : "–";

    private static string Range(List<double> ms) => ms.Count == 0 ? "–"
        : $"{Ms(Stats.Median(ms))} ({Ms(ms.Min())}–{Ms(ms.Max())})";

    private static string Ms(double ms) => !double.IsFinite(ms) ? "–" : ms >= 10_000 ? $"{ms / 1000:0.0} s" : $"{ms:0} ms";
}
