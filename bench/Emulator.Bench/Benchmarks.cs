using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Emulator.Bench;

/// <summary>A running emulator and where to reach it.</summary>
internal sealed record Emu(ServerProcess Process, string DataDir, int ApiPort, int HttpPort)
{
    public string Http => $"http://127.0.0.1:{HttpPort}";
    public string Https => $"https://127.0.0.1:{ApiPort}";
    public string Kubeconfig => Path.Combine(DataDir, "kubeconfig");
    public string Token => File.ReadAllText(Path.Combine(DataDir, "token")).Trim();
    public string Ca => Path.Combine(DataDir, "ca.crt");
}

internal sealed partial class Benchmarks(Options options)
{
    private const int Concurrency = 16;
    private const int StartRuns = 5;
    private const int ListSize = 1000;
    private const int MemoryObjects = 10_000;
    private const int WatchEvents = 500;
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    private readonly Results results = new();
    private int logCounter;
    private int dirCounter;

    private TimeSpan HttpWarm => options.Quick ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(2);
    private TimeSpan HttpMeasure => options.Quick ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(6);
    private TimeSpan HttpsWarm => options.Quick ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(2);
    private TimeSpan HttpsMeasure => options.Quick ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(4);
    private int Runs => options.Quick ? 2 : StartRuns;

    public async Task<Results> RunAsync()
    {
        var t0 = Stopwatch.GetTimestamp();
        Machine();
        results.Settings["concurrency"] = Concurrency.ToString();
        results.Settings["http"] = $"{HttpWarm.TotalSeconds:0} s warm-up + {HttpMeasure.TotalSeconds:0} s measured";
        results.Settings["https"] = $"{HttpsWarm.TotalSeconds:0} s warm-up + {HttpsMeasure.TotalSeconds:0} s measured";
        results.Settings["startRuns"] = Runs.ToString();
        results.Settings["startRunsWithData"] = Math.Min(Runs, 3).ToString();

        if (options.Only == "durability")
        {
            results.Durability = await new DurabilityBench(options, NewDir, Problem, Log).RunAsync();
            results.TotalSeconds = Stats.Ms(t0, Stopwatch.GetTimestamp()) / 1000;
            return results;
        }

        if (options.Only == "proxy")
        {
            // §6 alone (BENCH_ONLY=proxy bench/run.sh), a quicker loop while working on the proxy.
            await ProxyAsync();
            results.TotalSeconds = Stats.Ms(t0, Stopwatch.GetTimestamp()) / 1000;
            return results;
        }

        if (options.Only == "rollout")
        {
            // §5 alone (BENCH_ONLY=rollout bench/run.sh), for a quick look at the controllers on a busy machine.
            await RolloutAsync();
            results.TotalSeconds = Stats.Ms(t0, Stopwatch.GetTimestamp()) / 1000;
            return results;
        }

        Log("warm-up starts (discarded): page cache, kubectl binary");
        await using (var bare = await StartBareAsync()) { }
        var warmDir = NewDir("emu-warm");
        await StartupEmulatorAsync(warmDir, aloneKubectl: false);

        await StartupAsync(warmDir);
        if (options.Only == "startup")
        {
            // §1 alone (BENCH_ONLY=startup bench/run.sh): start to /readyz and the first kubectl, fresh and warm.
            results.TotalSeconds = Stats.Ms(t0, Stopwatch.GetTimestamp()) / 1000;
            return results;
        }
        var memoryDir = await MemoryAsync();
        await StartupWithDataAsync(memoryDir);
        await ThroughputAndWatchAsync();
        results.Durability = await new DurabilityBench(options, NewDir, Problem, Log).RunAsync();
        await RolloutAsync();
        await ProxyAsync();

        ScanLogs();
        results.TotalSeconds = Stats.Ms(t0, Stopwatch.GetTimestamp()) / 1000;
        return results;
    }

    // ---- 1. start to ready ----------------------------------------------------------------------------------------

    private async Task StartupAsync(string warmDir)
    {
        var bare = new StartSeries("bare", []);
        var fresh = new StartSeries("fresh", []);
        var warm = new StartSeries("warm", []);
        results.Startup.AddRange([bare, fresh, warm]);
        // Interleaved, so drift in machine load hits every series alike.
        for (var i = 0; i < Runs; i++)
        {
            Log($"startup run {i + 1}/{Runs}");
            await using (var b = await StartBareAsync())
            {
                bare.Samples.Add(new StartSample(b.ReadyMs, double.NaN, double.NaN, 0, await b.Process.StopAsync()));
            }
            fresh.Samples.Add(await StartupEmulatorAsync(NewDir("emu-fresh"), aloneKubectl: false));
            warm.Samples.Add(await StartupEmulatorAsync(warmDir, aloneKubectl: true));
        }
    }

    private async Task StartupWithDataAsync(string dataDir)
    {
        var series = new StartSeries($"warm{MemoryObjects}", []);
        results.Startup.Add(series);
        var runs = Math.Min(Runs, 3);
        for (var i = 0; i < runs; i++)
        {
            Log($"startup with {MemoryObjects} configmaps, run {i + 1}/{runs}");
            series.Samples.Add(await StartupEmulatorAsync(dataDir, aloneKubectl: false));
        }
    }

    private async Task<StartSample> StartupEmulatorAsync(string dataDir, bool aloneKubectl)
    {
        var emu = StartEmulator(dataDir);
        try
        {
            var ready = await emu.Process.WaitForOkAsync($"{emu.Http}/readyz", ReadyTimeout);
            var failures = 0;
            double kubectl;
            while (true)
            {
                var (ok, _, output) = await KubectlGetNsAsync(emu);
                if (ok)
                {
                    kubectl = Stats.Ms(emu.Process.StartTimestamp, Stopwatch.GetTimestamp());
                    break;
                }
                failures++;
                Problem($"`kubectl get ns` failed after /readyz was 200 (attempt {failures}): {Trim(output)}");
                if (failures >= 20) throw new InvalidOperationException("kubectl get ns never succeeded");
                await Task.Delay(50);
            }
            var alone = double.NaN;
            if (aloneKubectl)
            {
                var (ok, ms, output) = await KubectlGetNsAsync(emu);
                if (ok) alone = ms;
                else Problem($"second `kubectl get ns` failed: {Trim(output)}");
            }
            var shutdown = await emu.Process.StopAsync();
            if (double.IsNaN(shutdown)) Problem($"emulator did not exit within 10 s of SIGTERM (data dir {Path.GetFileName(dataDir)}); killed");
            return new StartSample(ready, kubectl, alone, failures, shutdown);
        }
        finally
        {
            await emu.Process.DisposeAsync();
        }
    }

    private async Task<(bool Ok, double Ms, string Output)> KubectlGetNsAsync(Emu emu)
    {
        var info = new ProcessStartInfo(options.Kubectl)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in new[] { "--kubeconfig", emu.Kubeconfig, "--cache-dir", NewDir("kubectl-cache"), "--request-timeout=10s", "get", "ns" })
            info.ArgumentList.Add(a);
        var t0 = Stopwatch.GetTimestamp();
        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await p.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill();
            return (false, double.NaN, "kubectl timed out after 30 s");
        }
        var ms = Stats.Ms(t0, Stopwatch.GetTimestamp());
        var output = await stdout + await stderr;
        var ok = p.ExitCode == 0 && output.Contains("default") && output.Contains("kube-system");
        return (ok, ms, output);
    }

    // ---- 4. memory ------------------------------------------------------------------------------------------------

    private async Task<string> MemoryAsync()
    {
        Log("memory: bare idle");
        long bareIdle;
        await using (var bare = await StartBareAsync())
        {
            await Task.Delay(Settle);
            bareIdle = bare.Process.Memory().RssKb;
        }

        Log($"memory: emulator idle, then {MemoryObjects} configmaps");
        var dir = NewDir("emu-memory");
        var emu = StartEmulator(dir);
        await using (emu.Process)
        {
            await emu.Process.WaitForOkAsync($"{emu.Http}/readyz", ReadyTimeout);
            await Task.Delay(Settle);
            var idle = emu.Process.Memory().RssKb;
            using var client = Load.Client(Concurrency);
            var uri = new Uri($"{emu.Http}/api/v1/namespaces/default/configmaps");
            var (seconds, errors, samples) = await Load.CountAsync(client, MemoryObjects, Concurrency,
                i => Post(uri, $"mem-{i:00000}"), HttpStatusCode.Created);
            foreach (var s in samples) Problem($"memory phase create failed: {s}");
            await Task.Delay(Settle);
            var (loaded, hwm) = emu.Process.Memory();
            await emu.Process.StopAsync();
            var db = Directory.GetFiles(dir, "emulator.db*").Sum(f => new FileInfo(f).Length);
            results.Memory = new MemoryResult(bareIdle, idle, loaded, hwm, MemoryObjects, seconds, errors, db, 0, 0);
        }
        return dir;
    }

    // ---- 2. throughput and 3. watch ------------------------------------------------------------------------------

    private async Task ThroughputAndWatchAsync()
    {
        var dir = NewDir("emu-throughput");
        var emu = StartEmulator(dir);
        await using (emu.Process)
        {
            await emu.Process.WaitForOkAsync($"{emu.Http}/readyz", ReadyTimeout);
            using var setup = Load.Client(Concurrency);
            foreach (var ns in new[] { "bench-create", "bench-watch" })
            {
                var body = Encoding.UTF8.GetBytes($$$"""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"{{{ns}}}"}}""");
                using var r = await setup.PostAsync($"{emu.Http}/api/v1/namespaces", Json(body));
                if (r.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"creating namespace {ns}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
            }
            Log($"throughput: pre-creating {ListSize} configmaps");
            var defaultCms = new Uri($"{emu.Http}/api/v1/namespaces/default/configmaps");
            var pre = await Load.CountAsync(setup, ListSize, Concurrency, i => Post(defaultCms, $"cm-{i:00000}"), HttpStatusCode.Created);
            if (pre.Errors > 0) throw new InvalidOperationException($"pre-creating configmaps failed: {string.Join("; ", pre.Samples)}");

            // The emulator's real answers, replayed byte for byte by the bare server.
            var bytesDir = NewDir("bare-bytes");
            var getPath = "/api/v1/namespaces/default/configmaps/cm-00042";
            var listPath = "/api/v1/namespaces/default/configmaps";
            var createPath = "/api/v1/namespaces/bench-create/configmaps";
            var getBytes = await setup.GetByteArrayAsync(emu.Http + getPath);
            var listBytes = await setup.GetByteArrayAsync(emu.Http + listPath);
            using (var created = await setup.SendAsync(Post(new Uri(emu.Http + createPath), "captured-create")))
            {
                if (created.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"capture create: {(int)created.StatusCode}");
                await File.WriteAllBytesAsync(Path.Combine(bytesDir, "create.json"), await created.Content.ReadAsByteArrayAsync());
            }
            await File.WriteAllBytesAsync(Path.Combine(bytesDir, "get.json"), getBytes);
            await File.WriteAllBytesAsync(Path.Combine(bytesDir, "list.json"), listBytes);
            var listCount = JsonDocument.Parse(listBytes).RootElement.GetProperty("items").GetArrayLength();
            if (listCount != ListSize) Problem($"LIST default configmaps returned {listCount} items, expected {ListSize}");
            var createBytes = (int)new FileInfo(Path.Combine(bytesDir, "create.json")).Length;

            Log("watch delivery latency");
            results.Watch = await WatchAsync(emu);

            var bareHttp = Ports.Pick();
            var bareHttps = Ports.Pick();
            await using var bare = await StartBareAsync(
                ["--port", bareHttp.ToString(), "--bytes-dir", bytesDir, "--https-port", bareHttps.ToString(),
                 "--cert", Path.Combine(dir, "apiserver.crt"), "--key", Path.Combine(dir, "apiserver.key")], bareHttp);

            results.EmptyListProbes.Add(await EmptyListProbeAsync(setup, emu));
            foreach (var transport in new[] { "HTTP", "HTTPS" })
            {
                var https = transport == "HTTPS";
                using var emuClient = https ? Load.Client(Concurrency, emu.Ca, emu.Token) : Load.Client(Concurrency);
                using var bareClient = https ? Load.Client(Concurrency, emu.Ca, emu.Token) : Load.Client(Concurrency);
                var emuBase = https ? emu.Https : emu.Http;
                var bareBase = https ? $"https://127.0.0.1:{bareHttps}" : $"http://127.0.0.1:{bareHttp}";
                var (warm, measure) = https ? (HttpsWarm, HttpsMeasure) : (HttpWarm, HttpMeasure);

                var list = ($"LIST {ListSize:N0} configmaps", listPath, HttpMethod.Get, HttpStatusCode.OK, 50_000, listBytes.Length);
                var ops = new List<(string Op, string Path, HttpMethod Method, HttpStatusCode Expected, int Cap, int Bytes)>
                {
                    ("GET one configmap", getPath, HttpMethod.Get, HttpStatusCode.OK, 400_000, getBytes.Length),
                    list,
                    ("CREATE configmap", createPath, HttpMethod.Post, HttpStatusCode.Created, 60_000, createBytes),
                };
                // The same LIST again once CREATE has filled another namespace: does a namespaced LIST pay for the
                // objects of other namespaces?
                if (!https) ops.Add(list);
                foreach (var op in ops)
                {
                    var tag = https ? "s" : "h";
                    async Task<LoadResult> Run(string who, HttpClient client, string baseUrl, ServerProcess server)
                    {
                        Log($"throughput: {op.Op} over {transport}, {who}");
                        var uri = new Uri(baseUrl + op.Path);
                        Func<int, long, HttpRequestMessage> make = op.Method == HttpMethod.Post
                            ? (w, seq) => Post(uri, $"c{tag}-{who[0]}-{w:00}-{seq:000000}")
                            : (_, _) => new HttpRequestMessage(HttpMethod.Get, uri);
                        return await Load.RunAsync($"{op.Op} {transport} {who}", client, make, op.Expected, Concurrency, warm, measure, op.Cap, server);
                    }
                    var stored = await CountConfigMapsAsync(setup, emu);
                    var e = await Run("emulator", emuClient, emuBase, emu.Process);
                    var b = await Run("bare", bareClient, bareBase, bare.Process);
                    foreach (var r in new[] { e, b })
                        foreach (var s in r.ErrorSamples) Problem($"{r.Label}: {s}");
                    results.Throughput.Add(new ThroughputPair(op.Op, transport, e, b, op.Bytes, stored));
                }
            }
            results.EmptyListProbes.Add(await EmptyListProbeAsync(setup, emu));
            var (rss, hwm) = emu.Process.Memory();
            results.Memory = results.Memory! with { AfterThroughputRssKb = rss, AfterThroughputHwmKb = hwm };
            await emu.Process.StopAsync();
        }
    }

    /// <summary>
    /// LIST of the configmaps of a namespace that has none, sequentially: what a namespaced LIST costs apart from its
    /// items. Measured while the store is small and again once the CREATE runs have filled another namespace.
    /// </summary>
    private async Task<EmptyListProbe> EmptyListProbeAsync(HttpClient client, Emu emu)
    {
        var stored = await CountConfigMapsAsync(client, emu);
        var uri = new Uri($"{emu.Http}/api/v1/namespaces/kube-public/configmaps");
        for (var i = 0; i < 100; i++) await client.GetStringAsync(uri);
        const int n = 1000;
        var latencies = new List<double>(n);
        var cpu0 = emu.Process.CpuMs();
        for (var i = 0; i < n; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            using var r = await client.GetAsync(uri);
            await r.Content.CopyToAsync(Stream.Null);
            latencies.Add(Stats.Ms(t0, Stopwatch.GetTimestamp()));
        }
        var cpuUs = (emu.Process.CpuMs() - cpu0) * 1000 / n;
        Log($"LIST of an empty namespace with {stored:N0} configmaps stored: {cpuUs:0} µs CPU, p50 {Stats.Median(latencies):0.00} ms");
        return new EmptyListProbe(stored, cpuUs, Stats.Median(latencies), Stats.P99(latencies));
    }

    /// <summary>Configmaps in the whole store (all namespaces), from a limit=1 LIST's remainingItemCount.</summary>
    private static async Task<long> CountConfigMapsAsync(HttpClient client, Emu emu)
    {
        using var doc = JsonDocument.Parse(await client.GetStringAsync($"{emu.Http}/api/v1/configmaps?limit=1"));
        var meta = doc.RootElement.GetProperty("metadata");
        var items = doc.RootElement.GetProperty("items").GetArrayLength();
        return items + (meta.TryGetProperty("remainingItemCount", out var r) ? r.GetInt64() : 0);
    }

    private async Task<WatchResult> WatchAsync(Emu emu)
    {
        using var writer = Load.Client(1);
        var handler = new SocketsHttpHandler { UseProxy = false };
        using var watchClient = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        var ns = $"{emu.Http}/api/v1/namespaces/bench-watch/configmaps";
        using var list = JsonDocument.Parse(await writer.GetStringAsync(ns));
        var rv = list.RootElement.GetProperty("metadata").GetProperty("resourceVersion").GetString();
        using var response = await watchClient.SendAsync(
            new HttpRequestMessage(HttpMethod.Get, $"{ns}?watch=true&resourceVersion={rv}&timeoutSeconds=300"),
            HttpCompletionOption.ResponseHeadersRead);
        if (response.StatusCode != HttpStatusCode.OK) return Failed($"watch answered {(int)response.StatusCode}");

        var arrivals = new ConcurrentDictionary<string, long>();
        var order = new ConcurrentQueue<string>();
        var unexpected = new ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource();
        var stream = await response.Content.ReadAsStreamAsync();
        var reader = Task.Run(async () =>
        {
            using var lines = new StreamReader(stream);
            try
            {
                while (await lines.ReadLineAsync(stop.Token) is { } line)
                {
                    var at = Stopwatch.GetTimestamp();
                    if (line.Length == 0) continue;
                    using var doc = JsonDocument.Parse(line);
                    var type = doc.RootElement.GetProperty("type").GetString();
                    if (type != "ADDED")
                    {
                        unexpected.Enqueue(line.Length > 200 ? line[..200] : line);
                        continue;
                    }
                    var name = doc.RootElement.GetProperty("object").GetProperty("metadata").GetProperty("name").GetString()!;
                    arrivals.TryAdd(name, at);
                    order.Enqueue(name);
                }
            }
            catch (OperationCanceledException) { }
            catch (IOException) { }
        });

        async Task<bool> WaitFor(Func<bool> condition, TimeSpan timeout)
        {
            var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
            while (!condition())
            {
                if (Stopwatch.GetTimestamp() > deadline) return false;
                await Task.Delay(1);
            }
            return true;
        }

        var uri = new Uri(ns);
        // Warm-up, excluded: also proves the watch is live before anything is timed.
        for (var i = 0; i < 20; i++)
        {
            using var r = await writer.SendAsync(Post(uri, $"warm-{i:00}"));
            if (r.StatusCode != HttpStatusCode.Created) return Failed($"warm-up create answered {(int)r.StatusCode}");
        }
        if (!await WaitFor(() => arrivals.Count >= 20, TimeSpan.FromSeconds(10)))
            return Failed($"only {arrivals.Count}/20 warm-up events arrived within 10 s");

        var sent = new List<(string Name, long Start, long Response)>(WatchEvents);
        var createRtt = new List<double>(WatchEvents);
        for (var i = 0; i < WatchEvents; i++)
        {
            var name = $"w-{i:00000}";
            using var message = Post(uri, name);
            var t0 = Stopwatch.GetTimestamp();
            using var r = await writer.SendAsync(message, HttpCompletionOption.ResponseHeadersRead);
            var t1 = Stopwatch.GetTimestamp();
            await r.Content.CopyToAsync(Stream.Null);
            if (r.StatusCode != HttpStatusCode.Created) return Failed($"create {name} answered {(int)r.StatusCode}");
            sent.Add((name, t0, t1));
            createRtt.Add(Stats.Ms(t0, Stopwatch.GetTimestamp()));
        }
        await WaitFor(() => arrivals.Count >= 20 + WatchEvents, TimeSpan.FromSeconds(10));
        await stop.CancelAsync();
        response.Dispose();
        await reader;

        var fromResponse = new List<double>();
        var fromRequest = new List<double>();
        foreach (var (name, start, resp) in sent)
        {
            if (!arrivals.TryGetValue(name, out var at)) continue;
            fromResponse.Add(Stats.Ms(resp, at));
            fromRequest.Add(Stats.Ms(start, at));
        }
        var arrivedOrder = order.Where(n => n.StartsWith("w-")).ToList();
        var outOfOrder = arrivedOrder.Zip(arrivedOrder.Skip(1)).Count(p => string.CompareOrdinal(p.First, p.Second) > 0);
        var missing = WatchEvents - fromResponse.Count;
        string? problem = null;
        if (missing > 0) problem = $"{missing} of {WatchEvents} ADDED events never arrived on the watch within 10 s";
        if (!unexpected.IsEmpty) problem = (problem is null ? "" : problem + "; ") + $"{unexpected.Count} unexpected events, e.g. {unexpected.First()}";
        if (problem is not null) Problem($"watch: {problem}");

        // Baseline: the emulator's own plain GET round trip, same connection style, same run.
        var getUri = new Uri($"{emu.Http}/api/v1/namespaces/default/configmaps/cm-00042");
        var getRtt = new List<double>(WatchEvents);
        for (var i = 0; i < 50 + WatchEvents; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            using var r = await writer.GetAsync(getUri);
            await r.Content.CopyToAsync(Stream.Null);
            if (i >= 50) getRtt.Add(Stats.Ms(t0, Stopwatch.GetTimestamp()));
        }
        return new WatchResult(fromResponse.Count, missing, outOfOrder, fromResponse, fromRequest, createRtt, getRtt, problem);

        WatchResult Failed(string why)
        {
            Problem($"watch: {why}");
            return new WatchResult(0, WatchEvents, 0, [], [], [], [], why);
        }
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private Emu StartEmulator(string dataDir, IReadOnlyDictionary<string, string>? environment = null)
    {
        var (api, http, dns) = (Ports.Pick(), Ports.Pick(), Ports.Pick());
        var process = ServerProcess.Start("emulator", options.EmulatorDll,
            ["--data-dir", dataDir, "--api-port", api.ToString(), "--http-port", http.ToString(), "--dns-port", dns.ToString()],
            Path.Combine(options.Work, "logs", $"emulator-{Interlocked.Increment(ref logCounter):000}.log"), environment);
        return new Emu(process, dataDir, api, http);
    }

    private sealed record Bare(ServerProcess Process, double ReadyMs) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Process.DisposeAsync();
    }

    private async Task<Bare> StartBareAsync(string[]? args = null, int? port = null)
    {
        if (args is null)
        {
            port = Ports.Pick();
            args = ["--port", port.Value.ToString()];
        }
        var process = ServerProcess.Start("bare", options.BareDll, args,
            Path.Combine(options.Work, "logs", $"bare-{Interlocked.Increment(ref logCounter):000}.log"));
        try
        {
            return new Bare(process, await process.WaitForOkAsync($"http://127.0.0.1:{port}/readyz", ReadyTimeout));
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    /// <summary>A configmap create with ~200 bytes of data.</summary>
    private static HttpRequestMessage Post(Uri uri, string name)
    {
        var payload = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(name)));
        payload = string.Concat(Enumerable.Repeat(payload, 4))[..200];
        var body = Encoding.UTF8.GetBytes(
            $$$"""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"{{{name}}}"},"data":{"payload":"{{{payload}}}"}}""");
        return new HttpRequestMessage(HttpMethod.Post, uri) { Content = Json(body) };
    }

    private static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        return content;
    }

    private string NewDir(string prefix)
    {
        var dir = Path.Combine(options.Work, $"{prefix}-{Interlocked.Increment(ref dirCounter):000}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    private void Problem(string text)
    {
        Console.Error.WriteLine($"  ! {text}");
        lock (results.Problems) results.Problems.Add(text);
    }

    private static string Trim(string s)
    {
        s = s.ReplaceLineEndings(" ").Trim();
        return s.Length > 300 ? s[..300] + "..." : s;
    }

    private static void Log(string text) => Console.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {text}");

    private void Machine()
    {
        results.Machine["nproc"] = Environment.ProcessorCount.ToString();
        var mem = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:"));
        if (mem is not null) results.Machine["memory"] = $"{long.Parse(mem.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0 / 1024.0:0.0} GiB";
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name"));
        if (cpu is not null) results.Machine["cpu"] = cpu[(cpu.IndexOf(':') + 1)..].Trim();
        results.Machine["os"] = System.Runtime.InteropServices.RuntimeInformation.OSDescription;
        results.Machine["dotnet"] = options.DotnetVersion;
        results.Machine["runtime"] = Environment.Version.ToString();
        results.Machine["loadavg"] = File.ReadAllText("/proc/loadavg").Trim();
    }

    /// <summary>Warnings, errors and crashes the emulator logged during the whole run.</summary>
    private void ScanLogs()
    {
        var findings = new Dictionary<(string, string, string), int>();
        foreach (var file in Directory.GetFiles(Path.Combine(options.Work, "logs"), "*.log").Order())
        {
            var source = Path.GetFileName(file).StartsWith("bare") ? "bare" : "emulator";
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i];
                string? level = line.StartsWith("warn:") ? "warn" : line.StartsWith("fail:") ? "fail" : line.StartsWith("crit:") ? "crit"
                    : line.StartsWith("stderr:") ? "stderr" : line.StartsWith("### bench: no exit") ? "hang" : null;
                if (level is null) continue;
                var text = line;
                if (level is "warn" or "fail" or "crit" && i + 1 < lines.Length) text += " " + lines[i + 1].Trim();
                text = Trim(text);
                findings[(source, level, text)] = findings.GetValueOrDefault((source, level, text)) + 1;
            }
        }
        foreach (var ((source, level, text), count) in findings.OrderByDescending(f => f.Value))
            results.LogFindings.Add(new LogFinding(source, level, text, count));
    }
}
