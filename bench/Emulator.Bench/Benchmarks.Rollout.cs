using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Emulator.Bench;

/// <summary>One run of §5: a deployment of N replicas against N bare pods, both to all pods Ready.</summary>
internal sealed record RolloutSample(double DeploymentMs, double DeploymentFirstReadyMs, double PodsMs, double PodsFirstReadyMs, int Replicas);

internal sealed partial class Benchmarks
{
    private const int RolloutReplicas = 100;
    private static readonly TimeSpan RolloutTimeout = TimeSpan.FromSeconds(300);

    private int RolloutRuns => options.Quick ? 1 : 3;

    // ---- 5. deployment rollout ------------------------------------------------------------------------------------

    /// <summary>
    /// Time from the POST of a Deployment with 100 replicas to all 100 pods Ready (scheduler, replicaset controller and
    /// simulated kubelet on the way), against 100 pods POSTed directly (16 at a time) to all Ready, interleaved in one
    /// emulator. Everything is deleted (grace period 0) between runs.
    /// </summary>
    private async Task RolloutAsync()
    {
        var emu = StartEmulator(NewDir("emu-rollout"));
        await using (emu.Process)
        {
            await emu.Process.WaitForOkAsync($"{emu.Http}/readyz", ReadyTimeout);
            using var client = Load.Client(Concurrency);
            await WaitForNodesAsync(client, emu);
            for (var run = 0; run < RolloutRuns; run++)
            {
                var ns = $"bench-rollout-{run}";
                await CreateNamespaceAsync(client, emu, ns);
                Log($"rollout run {run + 1}/{RolloutRuns}: deployment with {RolloutReplicas} replicas");
                var (deployMs, deployFirst) = await DeploymentToReadyAsync(client, emu, ns);
                await DeleteAllAsync(client, emu, ns);
                Log($"rollout run {run + 1}/{RolloutRuns}: {RolloutReplicas} pods created directly");
                var (podsMs, podsFirst) = await PodsToReadyAsync(client, emu, ns);
                await DeleteAllAsync(client, emu, ns);
                Log($"  deployment {deployMs:0} ms, direct pods {podsMs:0} ms");
                results.Rollout.Add(new RolloutSample(deployMs, deployFirst, podsMs, podsFirst, RolloutReplicas));
            }
            await emu.Process.StopAsync();
        }
    }

    private async Task<(double AllMs, double FirstMs)> DeploymentToReadyAsync(HttpClient client, Emu emu, string ns)
    {
        var body = """
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":REPLICAS,
             "selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},
             "spec":{"containers":[{"name":"nginx","image":"nginx"}]}}}}
            """.Replace("REPLICAS", RolloutReplicas.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var t0 = Stopwatch.GetTimestamp();
        using (var r = await client.PostAsync($"{emu.Http}/apis/apps/v1/namespaces/{ns}/deployments", Json(Encoding.UTF8.GetBytes(body))))
            if (r.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"creating the deployment: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
        return await WaitForReadyPodsAsync(client, emu, ns, t0);
    }

    private async Task<(double AllMs, double FirstMs)> PodsToReadyAsync(HttpClient client, Emu emu, string ns)
    {
        var uri = new Uri($"{emu.Http}/api/v1/namespaces/{ns}/pods");
        var t0 = Stopwatch.GetTimestamp();
        var next = -1;
        var workers = Enumerable.Range(0, Concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < RolloutReplicas)
            {
                var body = $$$"""
                    {"apiVersion":"v1","kind":"Pod","metadata":{"name":"pod-{{{i:000}}}","labels":{"app":"direct"}},
                     "spec":{"containers":[{"name":"nginx","image":"nginx"}]}}
                    """;
                using var r = await client.PostAsync(uri, Json(Encoding.UTF8.GetBytes(body)));
                if (r.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"creating pod {i}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
            }
        });
        await Task.WhenAll(workers);
        return await WaitForReadyPodsAsync(client, emu, ns, t0);
    }

    /// <summary>Polls the namespace's pods every 50 ms until RolloutReplicas are Ready; ms to the first and to the last.</summary>
    private static async Task<(double AllMs, double FirstMs)> WaitForReadyPodsAsync(HttpClient client, Emu emu, string ns, long t0)
    {
        var first = double.NaN;
        while (Stats.Ms(t0, Stopwatch.GetTimestamp()) < RolloutTimeout.TotalMilliseconds)
        {
            using var doc = JsonDocument.Parse(await client.GetStringAsync($"{emu.Http}/api/v1/namespaces/{ns}/pods"));
            var ready = doc.RootElement.GetProperty("items").EnumerateArray().Count(IsReady);
            var now = Stats.Ms(t0, Stopwatch.GetTimestamp());
            if (ready > 0 && double.IsNaN(first)) first = now;
            if (ready >= RolloutReplicas) return (now, first);
            await Task.Delay(50);
        }
        throw new InvalidOperationException($"{RolloutReplicas} pods in {ns} were not Ready within {RolloutTimeout.TotalSeconds} s");
    }

    private static bool IsReady(JsonElement pod) =>
        pod.TryGetProperty("status", out var status) && status.TryGetProperty("conditions", out var conditions)
        && conditions.EnumerateArray().Any(c => c.GetProperty("type").GetString() == "Ready" && c.GetProperty("status").GetString() == "True");

    private static async Task WaitForNodesAsync(HttpClient client, Emu emu)
    {
        var t0 = Stopwatch.GetTimestamp();
        while (Stats.Ms(t0, Stopwatch.GetTimestamp()) < ReadyTimeout.TotalMilliseconds)
        {
            using var doc = JsonDocument.Parse(await client.GetStringAsync($"{emu.Http}/api/v1/nodes"));
            if (doc.RootElement.GetProperty("items").GetArrayLength() > 0) return;
            await Task.Delay(100);
        }
        throw new InvalidOperationException("no node registered");
    }

    private static async Task CreateNamespaceAsync(HttpClient client, Emu emu, string ns)
    {
        var body = Encoding.UTF8.GetBytes($$$"""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"{{{ns}}}"}}""");
        using var r = await client.PostAsync($"{emu.Http}/api/v1/namespaces", Json(body));
        if (r.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"creating namespace {ns}: {(int)r.StatusCode}");
    }

    /// <summary>Deployments (the garbage collector takes their sets) and pods, immediately, then waits for no pod left.</summary>
    private static async Task DeleteAllAsync(HttpClient client, Emu emu, string ns)
    {
        using (await client.DeleteAsync($"{emu.Http}/apis/apps/v1/namespaces/{ns}/deployments")) { }
        using (await client.DeleteAsync($"{emu.Http}/apis/apps/v1/namespaces/{ns}/replicasets")) { }
        var t0 = Stopwatch.GetTimestamp();
        while (Stats.Ms(t0, Stopwatch.GetTimestamp()) < RolloutTimeout.TotalMilliseconds)
        {
            using (await client.DeleteAsync($"{emu.Http}/api/v1/namespaces/{ns}/pods?gracePeriodSeconds=0")) { }
            using var doc = JsonDocument.Parse(await client.GetStringAsync($"{emu.Http}/api/v1/namespaces/{ns}/pods"));
            if (doc.RootElement.GetProperty("items").GetArrayLength() == 0) return;
            await Task.Delay(200);
        }
        throw new InvalidOperationException($"pods of {ns} not gone");
    }
}
