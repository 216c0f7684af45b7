using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Emulator.Bench;

internal sealed record LoadResult(
    string Label, int Count, int Errors, double Seconds, [property: System.Text.Json.Serialization.JsonIgnore] List<double> LatenciesMs, double ServerCpuMs, List<string> ErrorSamples)
{
    public double Rps => Count / Seconds;
    public double P50 => Stats.Median(LatenciesMs);
    public double P99 => Stats.P99(LatenciesMs);
    /// <summary>Server CPU time (user+system) per successful request in the measured window, µs.</summary>
    public double CpuUsPerRequest => Count == 0 ? double.NaN : ServerCpuMs * 1000 / Count;
}

/// <summary>Closed-loop HTTP/1.1 keep-alive load: N workers, each sending its next request when the last completes.</summary>
internal static class Load
{
    public static HttpClient Client(int connections, string? caPath = null, string? token = null)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(5),
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        if (caPath is not null)
        {
            // Trust exactly the emulator's CA, as kubectl does with the kubeconfig's certificate-authority-data.
            var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
            policy.CustomTrustStore.Add(X509Certificate2.CreateFromPem(File.ReadAllText(caPath)));
            handler.SslOptions = new SslClientAuthenticationOptions { CertificateChainPolicy = policy };
        }
        var client = new HttpClient(handler)
        {
            Timeout = TimeSpan.FromSeconds(60),
            DefaultRequestVersion = HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    /// <summary>
    /// Runs `concurrency` workers for warm-up + measured time. Requests completing inside the measured window count
    /// (throughput = count / window), at most `cap` of them (the run ends early when the cap is reached).
    /// </summary>
    public static async Task<LoadResult> RunAsync(
        string label, HttpClient client, Func<int, long, HttpRequestMessage> request, HttpStatusCode expected,
        int concurrency, TimeSpan warmUp, TimeSpan measured, int cap, ServerProcess server)
    {
        var start = Stopwatch.GetTimestamp();
        var warmEnd = start + (long)(warmUp.TotalSeconds * Stopwatch.Frequency);
        var end = warmEnd + (long)(measured.TotalSeconds * Stopwatch.Frequency);
        var count = 0;
        var errors = 0;
        var samples = new List<string>();
        var lastCompletion = warmEnd;
        double cpuAtWarmEnd = double.NaN, cpuAtEnd = double.NaN;

        var sampler = Task.Run(async () =>
        {
            var wait = Stats.Ms(Stopwatch.GetTimestamp(), warmEnd);
            if (wait > 0) await Task.Delay(TimeSpan.FromMilliseconds(wait));
            cpuAtWarmEnd = server.CpuMs();
        });

        async Task<List<double>> Worker(int worker)
        {
            var latencies = new List<double>(1 << 14);
            var buffer = new byte[64 * 1024];
            var lastDone = warmEnd;
            for (long seq = 0; ; seq++)
            {
                if (Stopwatch.GetTimestamp() >= end || Volatile.Read(ref count) >= cap) break;
                using var message = request(worker, seq);
                var t0 = Stopwatch.GetTimestamp();
                var ok = false;
                string? error = null;
                try
                {
                    using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead);
                    await using var body = await response.Content.ReadAsStreamAsync();
                    if (response.StatusCode == expected)
                    {
                        while (await body.ReadAsync(buffer) > 0) { }
                        ok = true;
                    }
                    else
                    {
                        using var reader = new StreamReader(body);
                        var text = await reader.ReadToEndAsync();
                        error = $"{(int)response.StatusCode} {message.Method} {message.RequestUri?.PathAndQuery}: {text[..Math.Min(300, text.Length)]}";
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                {
                    error = $"{e.GetType().Name} {message.Method} {message.RequestUri?.PathAndQuery}: {e.Message}";
                }
                var t1 = Stopwatch.GetTimestamp();
                if (t1 < warmEnd || t1 >= end) continue;
                if (ok)
                {
                    if (Interlocked.Increment(ref count) > cap) break;
                    latencies.Add(Stats.Ms(t0, t1));
                    lastDone = t1;
                }
                else
                {
                    Interlocked.Increment(ref errors);
                    lock (samples)
                    {
                        if (samples.Count < 5) samples.Add(error!);
                    }
                }
            }
            lock (samples)
            {
                if (lastDone > lastCompletion) lastCompletion = lastDone;
            }
            return latencies;
        }

        var results = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(w => Task.Run(() => Worker(w))));
        await sampler;
        cpuAtEnd = server.CpuMs();
        var all = results.SelectMany(r => r).ToList();
        var capped = all.Count >= cap;
        var seconds = capped ? Stats.Ms(warmEnd, lastCompletion) / 1000 : measured.TotalSeconds;
        return new LoadResult(label, all.Count, errors, seconds, all, cpuAtEnd - cpuAtWarmEnd, samples);
    }

    /// <summary>Sends exactly `total` requests with `concurrency` workers (setup work: pre-creating objects).</summary>
    public static async Task<(double Seconds, int Errors, List<string> Samples)> CountAsync(
        HttpClient client, int total, int concurrency, Func<int, HttpRequestMessage> request, HttpStatusCode expected)
    {
        var next = -1;
        var errors = 0;
        var samples = new List<string>();
        var t0 = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < total)
            {
                using var message = request(i);
                try
                {
                    using var response = await client.SendAsync(message);
                    if (response.StatusCode != expected)
                    {
                        Interlocked.Increment(ref errors);
                        var text = await response.Content.ReadAsStringAsync();
                        lock (samples)
                        {
                            if (samples.Count < 5) samples.Add($"{(int)response.StatusCode} {message.RequestUri?.PathAndQuery}: {text[..Math.Min(300, text.Length)]}");
                        }
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                {
                    Interlocked.Increment(ref errors);
                    lock (samples)
                    {
                        if (samples.Count < 5) samples.Add($"{e.GetType().Name}: {e.Message}");
                    }
                }
            }
        })));
        return (Stats.Ms(t0, Stopwatch.GetTimestamp()) / 1000, errors, samples);
    }
}
