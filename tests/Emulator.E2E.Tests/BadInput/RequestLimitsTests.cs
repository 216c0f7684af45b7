using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Emulator.E2E.Tests.Harness;
using Xunit.Sdk;

namespace Emulator.E2E.Tests.BadInput;

/// <summary>
/// Issue 10 part 7, against a real process started with small limits: writes past --max-mutating-requests-inflight
/// get the apiserver's plain-text 429 with Retry-After while health probes still answer; a client past
/// --max-watches-per-client gets a 429 Status; bodies are bounded (the 3 MiB cases are in <see cref="BadInputCases"/>).
/// </summary>
public sealed class RequestLimitsTests(RequestLimitsTests.LimitedEmulator fixture) : IClassFixture<RequestLimitsTests.LimitedEmulator>
{
    /// <summary>One emulator for the class, started with limits small enough to reach with a handful of requests.</summary>
    public sealed class LimitedEmulator : IAsyncLifetime
    {
        private EmulatorProcess? emulator;

        public EmulatorProcess Emulator => emulator ?? throw new InvalidOperationException("not started");

        public async Task InitializeAsync() => emulator = await EmulatorProcess.StartAsync(new EmulatorOptions
        {
            Nodes = 1,
            ExtraArguments = ["--max-requests-inflight", "4", "--max-mutating-requests-inflight", "2", "--max-watches-per-client", "3"],
        });

        public async Task DisposeAsync()
        {
            if (emulator is not null) await emulator.DisposeAsync();
        }
    }

    private EmulatorProcess Emulator => fixture.Emulator;

    [Fact]
    public async Task Writes_past_the_in_flight_limit_get_429_and_health_probes_still_answer()
    {
        var ns = Names.Namespace("limits");
        await Emulator.Api.CreateNamespaceAsync(ns);
        var path = $"/api/v1/namespaces/{ns}/configmaps";

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        for (var round = 0; ; round++)
        {
            // Two writes whose bodies are still arriving hold both mutating slots. A round misses when one of them
            // arrives while the namespace's create has already answered but not yet left its slot (the slot is freed
            // when the handler returns, after the client has its answer): that write is refused instead, the probes
            // find a free slot, and the round starts over.
            var held = Enumerable.Range(0, 2).Select(i => new HeldBody(Encoding.UTF8.GetBytes(
                $"{{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{{\"name\":\"held-{round}-{i}\"}}}}"))).ToList();
            var clients = held.Select(_ => NewClient()).ToList();
            var heldResponses = held.Select((body, i) => clients[i].PostAsync(path, body)).ToList();
            HttpResponseMessage? rejected = null;
            try
            {
                using var probe = NewClient();
                for (var i = 0; i < 30 && rejected is null; i++)
                {
                    var response = await probe.PostAsync(path, Json($"{{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{{\"name\":\"probe-{round}-{i}\"}}}}"));
                    if (response.StatusCode == HttpStatusCode.TooManyRequests) rejected = response;
                    else await Task.Delay(100);
                }
                if (rejected is not null)
                {
                    Assert.Equal("1", rejected.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    Assert.Equal("text/plain", rejected.Content.Headers.ContentType?.MediaType);
                    Assert.Equal("Too many requests, please try again later.\n", await rejected.Content.ReadAsStringAsync());

                    // The slots are still taken: the probes are exempt and answer.
                    foreach (var health in new[] { "/healthz", "/livez", "/readyz" })
                    {
                        var answer = await probe.GetAsync(health);
                        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
                    }
                    Assert.All(heldResponses, r => Assert.False(r.IsCompleted));
                }
            }
            finally
            {
                foreach (var body in held) body.Release();
            }

            var statuses = (await Task.WhenAll(heldResponses)).Select(r => r.StatusCode).ToList();
            foreach (var client in clients) client.Dispose();
            if (rejected is not null)
            {
                Assert.All(statuses, status => Assert.Equal(HttpStatusCode.Created, status));
                break;
            }
            if (DateTime.UtcNow > deadline)
                throw new XunitException($"no write was refused while two writes were held open (the held writes got {string.Join(", ", statuses)})");
        }

        using var after = NewClient();
        var created = await after.PostAsync(path, Json("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"after\"}}"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    [Fact]
    public async Task Health_probes_answer_200_throughout_a_flood_of_reads()
    {
        using var http = NewClient();
        var flood = Enumerable.Range(0, 300).Select(_ => http.GetAsync("/api/v1/namespaces/default/configmaps")).ToList();
        var probes = Enumerable.Range(0, 30).Select(i => http.GetAsync(i % 3 == 0 ? "/healthz" : i % 3 == 1 ? "/livez" : "/readyz")).ToList();

        foreach (var probe in await Task.WhenAll(probes))
            Assert.Equal(HttpStatusCode.OK, probe.StatusCode);
        foreach (var response in await Task.WhenAll(flood))
        {
            if (response.StatusCode == HttpStatusCode.OK) continue;
            Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
            Assert.Equal("Too many requests, please try again later.\n", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task A_client_past_its_watch_limit_gets_429_until_one_of_its_watches_ends()
    {
        using var http = NewClient();
        http.Timeout = Timeout.InfiniteTimeSpan;
        var watches = new List<HttpResponseMessage>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var watch = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/v1/configmaps?watch=true"), HttpCompletionOption.ResponseHeadersRead);
                Assert.Equal(HttpStatusCode.OK, watch.StatusCode);
                watches.Add(watch);
            }

            using var refused = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/v1/configmaps?watch=true"), HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
            var status = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!.AsObject();
            Assert.Equal("Status", (string?)status["kind"]);
            Assert.Equal("TooManyRequests", (string?)status["reason"]);
            Assert.Equal(429, (int?)status["code"]);
            Assert.Equal("Too many requests, please try again later. (at most 3 concurrent watches per client)", (string?)status["message"]);
            Assert.Equal(1, (int?)status["details"]?["retryAfterSeconds"]);

            // Another client is not affected by this one's watches.
            using var other = NewClient();
            other.DefaultRequestHeaders.UserAgent.ParseAdd("another-client/1.0");
            using var otherWatch = await other.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/v1/configmaps?watch=true"), HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.OK, otherWatch.StatusCode);

            watches[0].Dispose();
            watches.RemoveAt(0);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (true)
            {
                var again = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/v1/configmaps?watch=true"), HttpCompletionOption.ResponseHeadersRead);
                if (again.StatusCode == HttpStatusCode.OK) { watches.Add(again); break; }
                again.Dispose();
                if (DateTime.UtcNow > deadline) throw new XunitException("a closed watch never freed its slot");
                await Task.Delay(200);
            }
        }
        finally
        {
            foreach (var watch in watches) watch.Dispose();
        }
    }

    private HttpClient NewClient() => new(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = Emulator.HttpUri, Timeout = TimeSpan.FromSeconds(60) };

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    /// <summary>A request body that sends its first byte, then waits for <see cref="Release"/> before the rest.</summary>
    private sealed class HeldBody : HttpContent
    {
        private readonly byte[] body;

        public HeldBody(byte[] body)
        {
            this.body = body;
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        private readonly TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => release.TrySetResult();

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(body.AsMemory(0, 1));
            await stream.FlushAsync();
            await release.Task;
            await stream.WriteAsync(body.AsMemory(1));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
            SerializeToStreamAsync(stream, context).GetAwaiter().GetResult();
    }
}
