using System.Globalization;
using System.Text;

namespace Emulator.Bench;

/// <summary>§6 of docs/benchmarks.md: the service proxy's data plane against a direct connection and HAProxy.</summary>
internal static class ProxyReport
{
    public static void Write(StringBuilder md, Results r)
    {
        void L(string line = "") => md.Append(line).Append('\n');
        if (r.Proxy is not { } p) return;
        L("## 6. Service proxy data plane");
        L();
        if (p.Skipped is not null)
        {
            L($"Not measured: {p.Skipped}");
            L();
            return;
        }
        var direct = p.Paths.FirstOrDefault();
        var cluster = p.Paths.ElementAtOrDefault(1);
        var haproxy = p.Paths.FirstOrDefault(x => x.Label == p.HaproxyVersion);
        var managed = p.Paths.FirstOrDefault(x => x.Label == Benchmarks.ManagedRelayLabel);
        L("One backend \"pod\" (a TCP server in the harness on a 127.244.x.y address) reached four ways, interleaved round by");
        L("round in the same run: **directly** on its pod IP (the baseline), through the emulator's **ClusterIP** (a");
        L("selector-less Service with a hand-written EndpointSlice; the embedded kube-proxy relays in userspace on its epoll");
        L($"event loop), through **HAProxy** in TCP mode (`{p.HaproxyVersion}`, Debian package, config generated in the run's");
        L("temp dir, loopback only), and through a second emulator of the same build running the **portable Socket relay** (async `Socket`");
        L("calls on the thread pool; what platforms other than Linux x86-64 get, and what Linux had before the event loop).");
        L($"Bulk: one connection downloading {p.DownloadBytes >> 20} MiB, median of the rounds. New connection: connect, 64-byte request,");
        L("63-byte answer, close, one client after the other (what `curl` does). Round trip: 64 bytes each way on one kept-alive");
        L("connection. Latencies are taken connection by connection (round trip by round trip) across the four paths, in a new");
        L("random order each time, so a pause of the machine or of the harness lands on every path alike and no path always");
        L("follows the same one. Ratio = path / direct (throughput: higher is better; latency: lower is better). Proxy CPU: user + system");
        L("time of the proxying process (the whole emulator, HAProxy) from /proc, per MB downloaded and per new connection;");
        L("it is the steadier figure on a loaded machine, where wall-clock numbers swing between runs.");
        L();
        L("| path | bulk MB/s | ratio | new connection p50 / p99 (ms) | ratio p50 | round trip p50 / p99 (ms) | ratio p50 | proxy CPU ms per MB | proxy CPU µs per connection |");
        L("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var path in p.Paths)
        {
            L($"| {path.Label} | {N(Stats.Median(path.DownloadMBps))} | {Ratio(Stats.Median(path.DownloadMBps), Stats.Median(direct!.DownloadMBps))} " +
              $"| {Ms(Stats.Median(path.NewConnectionMs))} / {Ms(Stats.P99(path.NewConnectionMs))} | {Ratio(Stats.Median(path.NewConnectionMs), Stats.Median(direct.NewConnectionMs))} " +
              $"| {Ms(Stats.Median(path.RoundTripMs))} / {Ms(Stats.P99(path.RoundTripMs))} | {Ratio(Stats.Median(path.RoundTripMs), Stats.Median(direct.RoundTripMs))} " +
              $"| {(double.IsFinite(path.CpuMsPerMB) ? path.CpuMsPerMB.ToString("0.00", CultureInfo.InvariantCulture) : "–")} " +
              $"| {(double.IsFinite(path.CpuUsPerConnection) ? path.CpuUsPerConnection.ToString("0", CultureInfo.InvariantCulture) : "–")} |");
        }
        L();
        if (cluster is not null && direct is not null)
        {
            var share = Stats.Median(cluster.DownloadMBps) / Stats.Median(direct.DownloadMBps);
            L($"- Goal \"within 80 % of direct throughput\": ClusterIP bulk = {share * 100:0} % of direct: **{(share >= 0.8 ? "met" : "not met")}**.");
            if (haproxy is not null)
            {
                var p50 = Stats.Median(cluster.NewConnectionMs) <= Stats.Median(haproxy.NewConnectionMs);
                var p99 = Stats.P99(cluster.NewConnectionMs) <= Stats.P99(haproxy.NewConnectionMs);
                var rt = Stats.Median(cluster.RoundTripMs) <= Stats.Median(haproxy.RoundTripMs);
                L($"- Goal \"ahead of HAProxy's latency\": new-connection p50 {(p50 ? "ahead" : "behind")}, p99 {(p99 ? "ahead" : "behind")}; " +
                  $"kept-alive round trip p50 {(rt ? "ahead" : "behind")}. Bulk vs HAProxy: {Ratio(Stats.Median(cluster.DownloadMBps), Stats.Median(haproxy.DownloadMBps))}×.");
            }
            if (managed is not null)
                L($"- Event loop against the portable relay: bulk {Ratio(Stats.Median(cluster.DownloadMBps), Stats.Median(managed.DownloadMBps))}×, " +
                  $"new-connection p50 {Ratio(Stats.Median(cluster.NewConnectionMs), Stats.Median(managed.NewConnectionMs))}×, " +
                  $"round-trip p50 {Ratio(Stats.Median(cluster.RoundTripMs), Stats.Median(managed.RoundTripMs))}×, " +
                  $"CPU per connection {Ratio(cluster.CpuUsPerConnection, managed.CpuUsPerConnection)}×.");
            L();
        }
        L($"**Network programming latency** ({p.SwitchMs.Count} rounds): from the start of an EndpointSlice `PATCH` (plain HTTP, merge");
        L("patch) until a new connection to the ClusterIP is routed accordingly, polled with a new connection every ~1 ms.");
        L("Baseline: the `PATCH` round trip itself, same client, same run. Median / max.");
        L();
        L("| change | until routed (ms) | ratio to the write |");
        L("|---|---:|---:|");
        var write = Stats.Median(p.SwitchWriteMs);
        L($"| *baseline:* the `PATCH` round trip | {Ms(write)} / {Ms(Max(p.SwitchWriteMs))} | 1.00 |");
        L($"| endpoint A → B: first new connection reaching B | {Ms(Stats.Median(p.SwitchMs))} / {Ms(Max(p.SwitchMs))} | {Ratio(Stats.Median(p.SwitchMs), write)} |");
        L($"| last endpoint removed: first refused connection | {Ms(Stats.Median(p.RemoveMs))} / {Ms(Max(p.RemoveMs))} | {Ratio(Stats.Median(p.RemoveMs), write)} |");
        L($"| endpoint back: first answered connection | {Ms(Stats.Median(p.AddMs))} / {Ms(Max(p.AddMs))} | {Ratio(Stats.Median(p.AddMs), write)} |");
        L();
    }

    private static double Max(List<double> v) => v.Count == 0 ? double.NaN : v.Max();

    private static string Ratio(double a, double b) =>
        double.IsFinite(a) && double.IsFinite(b) && b != 0 ? (a / b).ToString("0.00", CultureInfo.InvariantCulture) : "–";

    private static string Ms(double ms) => !double.IsFinite(ms) ? "–"
        : ms < 10 ? ms.ToString("0.000", CultureInfo.InvariantCulture) : ms.ToString("0.0", CultureInfo.InvariantCulture);

    private static string N(double v) => double.IsFinite(v) ? v.ToString("N0", CultureInfo.InvariantCulture) : "–";
}
