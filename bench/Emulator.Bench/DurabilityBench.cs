using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Emulator.Infrastructure.Storage;
using Microsoft.Data.Sqlite;

namespace Emulator.Bench;

/// <summary>Store writes against raw SQLite inserts (same run, same settings), and the flood /readyz must stay fast under.</summary>
internal sealed record StoreWriteResult(int Writes, int Reps, List<double> StoreWritesPerSecond, List<double> RawWritesPerSecond, int BodyBytes)
{
    public double Store => Stats.Median(StoreWritesPerSecond);
    public double Raw => Stats.Median(RawWritesPerSecond);
}

internal sealed record FloodLevel(int Concurrency, double Rps, int Errors, int Probes, double ReadyzP50, double ReadyzP99, double ReadyzMax, List<string> ErrorSamples);

internal sealed record DurabilityResult(StoreWriteResult? Store, List<FloodLevel> Flood, double IdleReadyzP99)
{
    public const double ReadyzBudgetMs = 100;

    /// <summary>The highest flood throughput at which /readyz p99 stayed under the budget.</summary>
    public FloodLevel? Sustained => Flood.Where(f => f.ReadyzP99 < ReadyzBudgetMs).MaxBy(f => f.Rps);
}

/// <summary>
/// 1. Writes/s through the emulator's ObjectStore (in process: decide callback, JSON, one SQLite transaction with a
///    change row and an object row, the in-memory snapshot and the watch fan-out) against the bare minimum of the same
///    durable work: raw prepared INSERTs of the same rows into the same schema, WAL + synchronous=NORMAL, one
///    transaction per write. Alternating reps, medians.
/// 2. A flood of API requests (90 % GET one configmap, 10 % CREATE) at rising concurrency while a separate
///    connection probes /readyz every 10 ms: the throughput the API sustains while /readyz p99 stays under 100 ms.
/// </summary>
internal sealed class DurabilityBench(Options options, Func<string, string> newDir, Action<string> problem, Action<string> log)
{
    private static readonly HttpStatusCode[] Ok = [HttpStatusCode.OK, HttpStatusCode.Created];

    public async Task<DurabilityResult> RunAsync()
    {
        var store = await StoreWritesAsync();
        var (flood, idle) = await FloodAsync();
        return new DurabilityResult(store, flood, idle);
    }

    // ---- store writes vs raw SQLite -------------------------------------------------------------------------------

    private async Task<StoreWriteResult> StoreWritesAsync()
    {
        var writes = options.Quick ? 1000 : 5000;
        var reps = options.Quick ? 2 : 5;
        var storeRates = new List<double>();
        var rawRates = new List<double>();
        var bodyBytes = 0;
        for (var rep = 0; rep < reps; rep++)
        {
            // Which side goes first alternates, so drift in machine load (and a warm page cache) favours neither.
            var rawFirst = rep % 2 == 0;
            log($"store writes: rep {rep + 1}/{reps}, {writes} writes each, {(rawFirst ? "raw SQLite then ObjectStore" : "ObjectStore then raw SQLite")}");
            if (!rawFirst) storeRates.Add(await StoreInsertsAsync(Path.Combine(newDir("store"), "emulator.db"), writes));
            var (raw, bytes) = RawInserts(Path.Combine(newDir("raw-sqlite"), "raw.db"), writes);
            rawRates.Add(raw);
            bodyBytes = bytes;
            if (rawFirst) storeRates.Add(await StoreInsertsAsync(Path.Combine(newDir("store"), "emulator.db"), writes));
        }
        return new StoreWriteResult(writes, reps, storeRates, rawRates, bodyBytes);
    }

    private static JsonObject ConfigMap(int i)
    {
        var payload = string.Concat(Enumerable.Repeat(i.ToString("x8", CultureInfo.InvariantCulture), 25));
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject
            {
                ["name"] = $"cm-{i:000000}",
                ["namespace"] = "bench",
                ["uid"] = Guid.NewGuid().ToString(),
                ["creationTimestamp"] = "2026-01-01T00:00:00Z",
            },
            ["data"] = new JsonObject { ["payload"] = payload },
        };
    }

    private static async Task<double> StoreInsertsAsync(string path, int writes)
    {
        using var store = new ObjectStore(new StoreOptions { DatabasePath = path });
        var objects = Enumerable.Range(0, writes).Select(ConfigMap).ToList();
        var t0 = Stopwatch.GetTimestamp();
        for (var i = 0; i < writes; i++)
        {
            var obj = objects[i];
            await store.WriteAsync(new ObjectKey("", "configmaps", "bench", $"cm-{i:000000}"), _ => new WriteDecision.Put(obj), CancellationToken.None);
        }
        return writes / (Stats.Ms(t0, Stopwatch.GetTimestamp()) / 1000);
    }

    /// <summary>The same two rows per write as the store's writer, with nothing else around them.</summary>
    private static (double Rate, int BodyBytes) RawInserts(string path, int writes)
    {
        var cs = $"Data Source={path};Pooling=False";
        // The store creates its own schema; opening and closing one leaves the same tables for the raw inserts.
        new ObjectStore(new StoreOptions { DatabasePath = path }).Dispose();
        using var connection = new SqliteConnection(cs);
        connection.Open();
        foreach (var pragma in new[] { "PRAGMA journal_mode=WAL;", "PRAGMA synchronous=NORMAL;" })
        {
            using var cmd = connection.CreateCommand();
            cmd.CommandText = pragma;
            cmd.ExecuteNonQuery();
        }
        using var change = connection.CreateCommand();
        change.CommandText = "INSERT INTO changes (id, type, grp, resource, namespace, name, body) VALUES ($id, 'ADDED', '', 'configmaps', 'bench', $name, $body)";
        var (cId, cName, cBody) = (change.Parameters.Add("$id", SqliteType.Integer), change.Parameters.Add("$name", SqliteType.Text), change.Parameters.Add("$body", SqliteType.Text));
        change.Prepare();
        using var upsert = connection.CreateCommand();
        upsert.CommandText = "INSERT INTO objects (key, grp, resource, namespace, name, rv, body) VALUES ($key, '', 'configmaps', 'bench', $name, $rv, $body) " +
                             "ON CONFLICT(key) DO UPDATE SET rv = excluded.rv, body = excluded.body";
        var (oKey, oName, oRv, oBody) = (upsert.Parameters.Add("$key", SqliteType.Text), upsert.Parameters.Add("$name", SqliteType.Text),
            upsert.Parameters.Add("$rv", SqliteType.Integer), upsert.Parameters.Add("$body", SqliteType.Text));
        upsert.Prepare();
        var bodies = Enumerable.Range(0, writes).Select(i =>
        {
            var obj = ConfigMap(i);
            obj["metadata"]!["resourceVersion"] = (i + 1).ToString(CultureInfo.InvariantCulture);
            return obj.ToJsonString();
        }).ToList();
        var t0 = Stopwatch.GetTimestamp();
        for (var i = 0; i < writes; i++)
        {
            var name = $"cm-{i:000000}";
            using var tx = connection.BeginTransaction();
            change.Transaction = tx;
            upsert.Transaction = tx;
            (cId.Value, cName.Value, cBody.Value) = (i + 1, name, bodies[i]);
            change.ExecuteNonQuery();
            (oKey.Value, oName.Value, oRv.Value, oBody.Value) = ($"/configmaps/bench/{name}", name, i + 1, bodies[i]);
            upsert.ExecuteNonQuery();
            tx.Commit();
        }
        return (writes / (Stats.Ms(t0, Stopwatch.GetTimestamp()) / 1000), Encoding.UTF8.GetByteCount(bodies[0]));
    }

    // ---- flood vs /readyz -----------------------------------------------------------------------------------------

    private async Task<(List<FloodLevel> Levels, double IdleP99)> FloodAsync()
    {
        var dir = newDir("emu-flood");
        var (api, http, dns) = (Ports.Pick(), Ports.Pick(), Ports.Pick());
        await using var server = ServerProcess.Start("emulator", options.EmulatorDll,
            ["--data-dir", dir, "--api-port", api.ToString(CultureInfo.InvariantCulture), "--http-port", http.ToString(CultureInfo.InvariantCulture),
             "--dns-port", dns.ToString(CultureInfo.InvariantCulture)],
            Path.Combine(options.Work, "logs", "emulator-flood.log"));
        var baseUrl = $"http://127.0.0.1:{http}";
        await server.WaitForOkAsync($"{baseUrl}/readyz", TimeSpan.FromSeconds(60));
        using var setup = Load.Client(4);
        for (var i = 0; i < 100; i++)
        {
            using var r = await setup.SendAsync(Create(baseUrl, $"seed-{i:000}"));
            if (r.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"flood setup: create answered {(int)r.StatusCode}");
        }

        var measure = options.Quick ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(5);
        log("flood: /readyz alone");
        var idle = await ProbeAsync(baseUrl, measure, CancellationToken.None);
        var levels = new List<FloodLevel>();
        foreach (var concurrency in options.Quick ? new[] { 4, 32 } : [1, 4, 16, 64, 128])
        {
            log($"flood: {concurrency} concurrent clients for {measure.TotalSeconds:0} s, probing /readyz every 10 ms");
            levels.Add(await FloodLevelAsync(baseUrl, concurrency, measure));
        }
        await server.StopAsync();
        return (levels, Stats.P99(idle));
    }

    private async Task<FloodLevel> FloodLevelAsync(string baseUrl, int concurrency, TimeSpan measure)
    {
        using var client = Load.Client(concurrency);
        using var stop = new CancellationTokenSource();
        var count = 0;
        var errors = 0;
        var samples = new List<string>();
        var warm = TimeSpan.FromSeconds(1);
        var t0 = Stopwatch.GetTimestamp();
        var measureStart = t0 + (long)(warm.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            for (var seq = 0L; !stop.IsCancellationRequested; seq++)
            {
                using var message = seq % 10 == 0
                    ? Create(baseUrl, $"f{concurrency}-{w}-{seq}")
                    : new HttpRequestMessage(HttpMethod.Get, $"{baseUrl}/api/v1/namespaces/default/configmaps/seed-{seq % 100:000}");
                try
                {
                    using var r = await client.SendAsync(message, stop.Token);
                    await r.Content.CopyToAsync(Stream.Null, stop.Token);
                    var counted = Stopwatch.GetTimestamp() >= measureStart && !stop.IsCancellationRequested;
                    if (Ok.Contains(r.StatusCode)) { if (counted) Interlocked.Increment(ref count); }
                    else if (counted)
                    {
                        Interlocked.Increment(ref errors);
                        lock (samples) if (samples.Count < 3) samples.Add($"{(int)r.StatusCode} {message.Method} {message.RequestUri?.PathAndQuery}");
                    }
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
                {
                    Interlocked.Increment(ref errors);
                    lock (samples) if (samples.Count < 3) samples.Add($"{e.GetType().Name}: {e.Message}");
                }
            }
        })).ToList();
        await Task.Delay(warm);
        var mark = Stopwatch.GetTimestamp();
        var probes = await ProbeAsync(baseUrl, measure, CancellationToken.None);
        var seconds = Stats.Ms(mark, Stopwatch.GetTimestamp()) / 1000;
        var done = Volatile.Read(ref count);
        await stop.CancelAsync();
        await Task.WhenAll(workers);
        foreach (var s in samples) problem($"flood at concurrency {concurrency}: {s}");
        return new FloodLevel(concurrency, done / seconds, errors, probes.Count, Stats.Median(probes), Stats.P99(probes), probes.Count > 0 ? probes.Max() : double.NaN, samples);
    }

    /// <summary>GET /readyz every 10 ms on its own connection for <paramref name="duration"/>; the latencies.</summary>
    private static async Task<List<double>> ProbeAsync(string baseUrl, TimeSpan duration, CancellationToken ct)
    {
        using var client = Load.Client(1);
        var latencies = new List<double>();
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < end)
        {
            var t0 = Stopwatch.GetTimestamp();
            try
            {
                using var r = await client.GetAsync($"{baseUrl}/readyz", ct);
                await r.Content.CopyToAsync(Stream.Null, ct);
                latencies.Add(r.StatusCode == HttpStatusCode.OK ? Stats.Ms(t0, Stopwatch.GetTimestamp()) : double.PositiveInfinity);
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
            {
                latencies.Add(double.PositiveInfinity);
            }
            var next = t0 + (long)(0.010 * Stopwatch.Frequency);
            var wait = Stats.Ms(Stopwatch.GetTimestamp(), next);
            if (wait > 0) await Task.Delay(TimeSpan.FromMilliseconds(wait), ct);
        }
        return latencies;
    }

    private static HttpRequestMessage Create(string baseUrl, string name)
    {
        var body = Encoding.UTF8.GetBytes($$$"""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"{{{name}}}"},"data":{"k":"v"}}""");
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        return new HttpRequestMessage(HttpMethod.Post, $"{baseUrl}/api/v1/namespaces/default/configmaps") { Content = content };
    }
}
