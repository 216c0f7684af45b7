using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Emulator.Bench;

/// <summary>
/// §6, the service proxy's data plane: bulk throughput and request latency to one backend directly, through the
/// emulator's ClusterIP and through HAProxy, interleaved in one run; then how soon an EndpointSlice write routes
/// new connections accordingly (network programming latency).
/// </summary>
internal sealed partial class Benchmarks
{
    private long DownloadBytes => options.Quick ? 32L << 20 : 256L << 20;
    private int ProxyRounds => options.Quick ? 1 : 5;
    private int NewConnectionsPerRound => options.Quick ? 200 : 500;
    private int RoundTripsPerRound => options.Quick ? 300 : 2000;
    private int ProgrammingRounds => options.Quick ? 5 : 20;

    private async Task ProxyAsync()
    {
        Log("service proxy: starting backends, emulator and HAProxy");
        var backends = ProxyBackend.StartMany(2);
        var (a, b) = (backends[0], backends[1]);
        var emu = StartEmulator(NewDir("emu-proxy"));
        // The same emulator with the portable Socket relay (the one other platforms get): the before/after of the
        // event-loop relay, in the same run.
        var managed = StartEmulator(NewDir("emu-proxy-managed"), new Dictionary<string, string> { ["EMULATOR_PROXY_RELAY"] = "managed" });
        HaproxyProcess? haproxy = null;
        // BENCH_PROXY_VARIANT="K=V;K2=V2" adds a fifth path: one more emulator of this build with that environment, for
        // a same-run comparison of a proxy setting (see bench/run.sh).
        var variantEnv = Environment.GetEnvironmentVariable("BENCH_PROXY_VARIANT");
        var variant = string.IsNullOrEmpty(variantEnv) ? null : StartEmulator(NewDir("emu-proxy-variant"),
            variantEnv.Split(';').Select(kv => kv.Split('=')).ToDictionary(kv => kv[0], kv => kv[1]));
        try
        {
            await emu.Process.WaitForOkAsync($"{emu.Http}/readyz", ReadyTimeout);
            await managed.Process.WaitForOkAsync($"{managed.Http}/readyz", ReadyTimeout);
            using var http = Load.Client(1);
            var clusterIp = await CreateBenchServiceAsync(http, emu, a);
            var service = benchService;
            var managedClusterIp = await CreateBenchServiceAsync(http, managed, a);
            benchService = service;
            var binary = HaproxyProcess.Find();
            var version = "not installed";
            if (binary is null) Problem("service proxy: haproxy is not installed (bench/run.sh installs the Debian package); its column is empty");
            else
            {
                haproxy = await HaproxyProcess.StartAsync(binary, NewDir("haproxy"), a.Address, a.Port,
                    Path.Combine(options.Work, "logs", $"haproxy-{Interlocked.Increment(ref logCounter):000}.log"));
                version = haproxy.Version;
            }

            var paths = new List<(ProxyPath Result, string Address, int Port, Func<double>? Cpu)>
            {
                (new ProxyPath("direct to the backend", [], [], []), a.Address, a.Port, null),
                (new ProxyPath("emulator ClusterIP", [], [], []), clusterIp, 8888, emu.Process.CpuMs),
            };
            if (haproxy is not null) paths.Add((new ProxyPath(haproxy.Version, [], [], []), "127.0.0.1", haproxy.Port, haproxy.CpuMs));
            paths.Add((new ProxyPath(ManagedRelayLabel, [], [], []), managedClusterIp, 8888, managed.Process.CpuMs));
            if (variant is not null)
            {
                await variant.Process.WaitForOkAsync($"{variant.Http}/readyz", ReadyTimeout);
                var saved = benchService;
                var variantIp = await CreateBenchServiceAsync(http, variant, a);
                benchService = saved;
                paths.Add((new ProxyPath("variant " + variantEnv, [], [], []), variantIp, 8888, variant.Process.CpuMs));
            }

            // Warm-up (discarded): JIT, socket paths, HAProxy's first connections.
            foreach (var p in paths)
            {
                await ProxyClient.DownloadAsync(p.Address, p.Port, DownloadBytes / 4);
                var scratch = new byte[ProxyClient.MessageBytes];
                for (var i = 0; i < 50; i++) await ProxyClient.RequestOnNewConnectionAsync(p.Address, p.Port, scratch);
                using var warm = await ProxyClient.KeptAlive.OpenAsync(p.Address, p.Port);
                for (var i = 0; i < 100; i++) await warm.RoundTripAsync();
            }

            var cpu = paths.Select(_ => 0.0).ToArray();
            var connectionCpu = paths.Select(_ => 0.0).ToArray();
            var buffer = new byte[ProxyClient.MessageBytes];
            var order = new ShuffledOrder(paths.Count, seed: 6);
            for (var round = 0; round < ProxyRounds; round++)
            {
                Log($"service proxy: round {round + 1}/{ProxyRounds} (download, new connections, round trips on each path)");
                for (var i = 0; i < paths.Count; i++)
                {
                    var p = paths[i];
                    var before = p.Cpu?.Invoke() ?? 0;
                    p.Result.DownloadMBps.Add(await ProxyClient.DownloadAsync(p.Address, p.Port, DownloadBytes));
                    cpu[i] += (p.Cpu?.Invoke() ?? 0) - before;
                }
                // CPU per connection: a block of connections per path, so each process's CPU delta covers only its own.
                for (var j = 0; j < paths.Count; j++)
                {
                    var p = paths[j];
                    var before = p.Cpu?.Invoke() ?? 0;
                    for (var i = 0; i < NewConnectionsPerRound; i++) await ProxyClient.RequestOnNewConnectionAsync(p.Address, p.Port, buffer);
                    connectionCpu[j] += (p.Cpu?.Invoke() ?? 0) - before;
                }
                // Latency: connection by connection across the paths, in a new random order each time, so a pause of
                // the machine or of this harness (its GC, a descheduled vCPU) falls on every path alike instead of on
                // whichever block was running, and no path always follows the same one (a proxy still polling or
                // spinning after its own connection would otherwise always slow down the same neighbour).
                for (var i = 0; i < NewConnectionsPerRound; i++)
                    foreach (var j in order.Next())
                    {
                        var p = paths[j];
                        p.Result.NewConnectionMs.Add(await ProxyClient.RequestOnNewConnectionAsync(p.Address, p.Port, buffer));
                    }
                var keptAlive = new List<ProxyClient.KeptAlive>();
                try
                {
                    foreach (var p in paths) keptAlive.Add(await ProxyClient.KeptAlive.OpenAsync(p.Address, p.Port));
                    for (var i = 0; i < RoundTripsPerRound; i++)
                        foreach (var j in order.Next())
                            paths[j].Result.RoundTripMs.Add(await keptAlive[j].RoundTripAsync());
                }
                finally
                {
                    foreach (var c in keptAlive) c.Dispose();
                }
            }
            for (var i = 0; i < paths.Count; i++)
                if (paths[i].Cpu is not null)
                {
                    paths[i].Result.CpuMsPerMB = cpu[i] / (ProxyRounds * DownloadBytes / 1e6);
                    paths[i].Result.CpuUsPerConnection = connectionCpu[i] * 1000 / (ProxyRounds * NewConnectionsPerRound);
                }

            var (switchMs, writeMs, removeMs, addMs) = await ProgrammingLatencyAsync(http, emu, clusterIp, a, b);
            results.Proxy = new ProxyResult([.. paths.Select(p => p.Result)], switchMs, writeMs, removeMs, addMs, DownloadBytes, version, null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Problem($"service proxy benchmark failed: {e.Message}");
            results.Proxy = new ProxyResult([], [], [], [], [], DownloadBytes, "", e.Message);
        }
        finally
        {
            if (haproxy is not null) await haproxy.DisposeAsync();
            await emu.Process.DisposeAsync();
            await managed.Process.DisposeAsync();
            if (variant is not null) await variant.Process.DisposeAsync();
            foreach (var backend in backends) await backend.DisposeAsync();
        }
    }

    /// <summary>A selector-less Service on a random ClusterIP with a hand-written slice holding backend A.</summary>
    private async Task<string> CreateBenchServiceAsync(HttpClient http, Emu emu, ProxyBackend a)
    {
        for (var attempt = 0; ; attempt++)
        {
            var ip = $"127.{Random.Shared.Next(100, 111)}.{Random.Shared.Next(0, 255)}.{Random.Shared.Next(2, 254)}";
            var name = $"bench-{attempt}";
            await SendAsync(http, HttpMethod.Post, $"{emu.Http}/api/v1/namespaces/default/services", "application/json",
                $$$"""{"apiVersion":"v1","kind":"Service","metadata":{"name":"{{{name}}}"},"spec":{"clusterIP":"{{{ip}}}","ports":[{"name":"tcp","port":8888,"targetPort":{{{a.Port}}}}]}}""",
                HttpStatusCode.Created);
            await SendAsync(http, HttpMethod.Post, $"{emu.Http}/apis/discovery.k8s.io/v1/namespaces/default/endpointslices", "application/json",
                $$$"""{"apiVersion":"discovery.k8s.io/v1","kind":"EndpointSlice","metadata":{"name":"{{{name}}}-1","labels":{"kubernetes.io/service-name":"{{{name}}}"}},"addressType":"IPv4","ports":[{"name":"tcp","port":{{{a.Port}}},"protocol":"TCP"}],"endpoints":[{"addresses":["{{{a.Address}}}"],"conditions":{"ready":true}}]}""",
                HttpStatusCode.Created);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            while (DateTime.UtcNow < deadline)
            {
                if (await ProxyClient.IdentifyAsync(ip, 8888) == a.Id)
                {
                    benchService = name;
                    return ip;
                }
                await Task.Delay(20);
            }
            // Another emulator on this machine may hold that address: try another.
            if (attempt >= 3) throw new InvalidOperationException($"ClusterIP {ip}:8888 never reached the backend");
        }
    }

    private string benchService = "";

    public const string ManagedRelayLabel = "emulator ClusterIP, portable Socket relay (`EMULATOR_PROXY_RELAY=managed`)";

    private async Task<(List<double> Switch, List<double> Write, List<double> Remove, List<double> Add)> ProgrammingLatencyAsync(
        HttpClient http, Emu emu, string clusterIp, ProxyBackend a, ProxyBackend b)
    {
        Log($"service proxy: network programming latency, {ProgrammingRounds} rounds");
        var slice = $"{emu.Http}/apis/discovery.k8s.io/v1/namespaces/default/endpointslices/{benchService}-1";
        string Endpoints(params ProxyBackend[] list) =>
            "{\"endpoints\":[" + string.Join(",", list.Select(x => $$$"""{"addresses":["{{{x.Address}}}"],"conditions":{"ready":true}}""")) + "]}";
        var (switchMs, writeMs, removeMs, addMs) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
        var current = a;
        for (var round = 0; round < ProgrammingRounds; round++)
        {
            // Switch the one endpoint from A to B (or back): time until a new connection reaches the new one.
            var next = current == a ? b : a;
            var t0 = Stopwatch.GetTimestamp();
            await SendAsync(http, HttpMethod.Patch, slice, "application/merge-patch+json", Endpoints(next), HttpStatusCode.OK);
            writeMs.Add(Stats.Ms(t0, Stopwatch.GetTimestamp()));
            switchMs.Add(await UntilAsync(t0, async () => await ProxyClient.IdentifyAsync(clusterIp, 8888) == next.Id));
            current = next;
            await Task.Delay(100);

            // Empty the slice: time until the ClusterIP refuses; then put the endpoint back: time until it answers.
            t0 = Stopwatch.GetTimestamp();
            await SendAsync(http, HttpMethod.Patch, slice, "application/merge-patch+json", Endpoints(), HttpStatusCode.OK);
            removeMs.Add(await UntilAsync(t0, async () => await ProxyClient.IdentifyAsync(clusterIp, 8888) is null));
            await Task.Delay(100);
            t0 = Stopwatch.GetTimestamp();
            await SendAsync(http, HttpMethod.Patch, slice, "application/merge-patch+json", Endpoints(current), HttpStatusCode.OK);
            addMs.Add(await UntilAsync(t0, async () => await ProxyClient.IdentifyAsync(clusterIp, 8888) == current.Id));
            await Task.Delay(100);
        }
        return (switchMs, writeMs, removeMs, addMs);

        async Task<double> UntilAsync(long start, Func<Task<bool>> done)
        {
            while (!await done())
            {
                if (Stats.Ms(start, Stopwatch.GetTimestamp()) > 10_000) throw new TimeoutException("the proxy did not follow an EndpointSlice change within 10 s");
                await Task.Delay(1);
            }
            return Stats.Ms(start, Stopwatch.GetTimestamp());
        }
    }

    private static async Task SendAsync(HttpClient http, HttpMethod method, string url, string contentType, string body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, url) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var response = await http.SendAsync(request);
        if (response.StatusCode != expected)
            throw new InvalidOperationException($"{method} {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>A fresh random permutation of 0..count-1 on each call (Fisher-Yates, seeded so runs are repeatable).</summary>
    private sealed class ShuffledOrder(int count, int seed)
    {
        private readonly Random random = new(seed);
        private readonly int[] indexes = [.. Enumerable.Range(0, count)];

        public int[] Next()
        {
            random.Shuffle(indexes);
            return indexes;
        }
    }
}
