using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Emulator.E2E.Tests.Harness;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Emulator.E2E.Tests.Reliability;

/// <summary>
/// Crash safety under load: concurrent writers create, patch and delete Services (ClusterIP and NodePort) and
/// Deployments over HTTPS while the process is SIGKILLed at random moments and restarted on the same data dir.
/// After every restart: every acknowledged (2xx) write is in the change history with its content and the last
/// acknowledged state of every object is the stored one; a write cut by the kill is either fully there or not at
/// all; resourceVersions continue above everything acknowledged; no ClusterIP or NodePort is held twice. At the end
/// the controllers converge: Deployments have their Ready pods, Endpoints list exactly those pods, IPAddresses match.
/// Bounded: at most <see cref="MaxKills"/> kills within <see cref="KillBudget"/>.
/// </summary>
[Collection(RestartCollection.Name)]
public sealed class CrashSoakTests(ITestOutputHelper output)
{
    private const int Writers = 4;
    private const int ServicesPerWriter = 3;
    private const int DeploymentsPerWriter = 2;
    private const int MaxKills = 8;
    private static readonly TimeSpan KillBudget = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan ConvergeDeadline = TimeSpan.FromSeconds(120);

    private readonly ConcurrentBag<string> violations = [];
    private int acknowledged, historyChecked, statesChecked, cutApplied, cutNotApplied, allocationChecks;

    [Fact]
    public async Task Concurrent_writers_survive_repeated_sigkills_without_losing_or_half_applying_a_write()
    {
        var seed = Environment.TickCount;
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        await using var emulator = await EmulatorProcess.StartAsync(new EmulatorOptions { Nodes = 1 });
        var ns = Names.Namespace("soak");
        await emulator.Api.CreateNamespaceAsync(ns);
        var owned = Enumerable.Range(0, Writers).Select(w =>
            Enumerable.Range(0, DeploymentsPerWriter).Select(d => new SoakObject("Deployment", $"d{w}-{d}", ""))
                .Concat(Enumerable.Range(0, ServicesPerWriter).Select(s => new SoakObject("Service", $"s{w}-{s}", $"d{w}-{s % DeploymentsPerWriter}")))
                .ToList()).ToList();
        var all = owned.SelectMany(o => o).ToList();

        long highestAcknowledged = 0;
        var kills = 0;
        var restarts = TimeSpan.Zero;
        var clock = Stopwatch.StartNew();
        while (kills < MaxKills && clock.Elapsed < KillBudget)
        {
            var roundStart = await RevisionAsync(emulator, ns);
            Assert.True(roundStart >= highestAcknowledged, $"After restart the store is at {roundStart}, below the acknowledged {highestAcknowledged}.");
            var acks = new ConcurrentBag<Ack>();
            var writers = owned.Select((objects, w) =>
                Task.Run(() => WriteUntilCutAsync(emulator, ns, objects, new Random(random.Next()), $"{kills}.{w}", acks))).ToList();
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(1000, 4000)));
            await emulator.KillAsync();
            kills++;
            await Task.WhenAll(writers);
            var restart = Stopwatch.StartNew();
            await emulator.RestartAsync();
            restarts += restart.Elapsed;

            foreach (var ack in acks.Where(a => a.Rv > 0 && a.Rv <= Math.Max(roundStart, highestAcknowledged)))
            {
                violations.Add($"{ack} got resourceVersion {ack.Rv}, not above the previous round's {Math.Max(roundStart, highestAcknowledged)}");
            }

            await CheckHistoryAsync(emulator, ns, roundStart, [.. acks]);
            await CheckStatesAsync(emulator, ns, all);
            await CheckAllocationsAsync(emulator);
            highestAcknowledged = Math.Max(highestAcknowledged, acks.Select(a => a.Rv).DefaultIfEmpty(0).Max());
            Interlocked.Add(ref acknowledged, acks.Count);
            ThrowIfViolated(emulator);
        }

        var next = await emulator.Api.CreateAsync(ApiPaths.ConfigMaps(ns), Manifests.ConfigMap("after-soak", new Dictionary<string, string> { ["a"] = "b" }));
        Assert.True(ResourceVersions.Of(next) > highestAcknowledged, $"resourceVersion {ResourceVersions.Of(next)} after the soak is not above {highestAcknowledged}");
        await ConvergesAsync(emulator, ns, all);
        ThrowIfViolated(emulator);

        Assert.True(kills >= 3, $"Only {kills} kills fit in the budget.");
        Assert.True(acknowledged > 0 && historyChecked == acknowledged, $"{historyChecked} of {acknowledged} acknowledged writes found in the history.");
        output.WriteLine(
            $"crash soak: {kills} SIGKILLs survived in {clock.Elapsed.TotalSeconds:F0} s ({restarts.TotalSeconds:F0} s of it restarting to ready); {acknowledged} acknowledged writes, all {historyChecked} found in the " +
            $"change history with their content; {statesChecked} last-acknowledged states checked after restarts; {cutApplied + cutNotApplied} writes cut by a kill " +
            $"({cutApplied} applied whole, {cutNotApplied} not applied, 0 half-applied); {allocationChecks} Service allocation checks (no ClusterIP/NodePort held twice); " +
            $"controllers converged ({all.Count(o => o.Gen is not null)} objects present)");
    }

    private sealed record Ack(string Kind, string Name, string Verb, string? Gen, long Rv);

    /// <summary>One writer: random operations on its own objects until the kill cuts a request.</summary>
    private async Task WriteUntilCutAsync(EmulatorProcess emulator, string ns, IReadOnlyList<SoakObject> objects, Random random, string tag, ConcurrentBag<Ack> acks)
    {
        using var api = ApiClient.Https(emulator, emulator.AdminToken);
        for (var i = 0; ; i++)
        {
            var obj = objects[random.Next(objects.Count)];
            var gen = $"{tag}.{i}";
            string verb;
            string? after;
            Func<Task<ApiResponse>> send;
            if (obj.Gen is null)
            {
                (verb, after) = ("create", gen);
                var body = obj.Manifest(gen, random);
                send = () => api.PostAsync(obj.CollectionPath(ns), body);
            }
            else if (random.Next(10) < 7)
            {
                (verb, after) = ("patch", gen);
                var body = obj.Patch(gen, random);
                send = () => api.SendAsync(HttpMethod.Patch, obj.Path(ns), body, "application/merge-patch+json");
            }
            else
            {
                (verb, after) = ("delete", null);
                send = () => api.DeleteAsync(obj.Path(ns));
            }

            ApiResponse response;
            try
            {
                response = await send();
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
            {
                obj.InFlight = (obj.Gen, after);
                return;
            }

            if (response.Code is not (200 or 201))
            {
                violations.Add($"{verb} {obj.Kind} {obj.Name} (acknowledged gen {obj.Gen}) answered:\n{response.Describe()}");
                return;
            }

            var rv = verb == "delete" ? 0 : ResourceVersions.Of(response.Json());
            if (verb != "delete" && SoakObject.GenOf(response.Json()) != gen)
            {
                violations.Add($"{verb} {obj.Kind} {obj.Name} answered gen {SoakObject.GenOf(response.Json())}, sent {gen}");
            }

            obj.Gen = after;
            acks.Add(new Ack(obj.Kind, obj.Name, verb, after, rv));
        }
    }

    /// <summary>Replays the change log from the round's start: every acknowledged write is there with its content.</summary>
    private async Task CheckHistoryAsync(EmulatorProcess emulator, string ns, long from, IReadOnlyList<Ack> acks)
    {
        foreach (var kind in new[] { "Service", "Deployment" })
        {
            var writes = acks.Where(a => a.Kind == kind && a.Verb != "delete").ToDictionary(a => a.Rv);
            var deletes = acks.Where(a => a.Kind == kind && a.Verb == "delete").GroupBy(a => a.Name).ToDictionary(g => g.Key, g => g.Count());
            var collection = new SoakObject(kind, "", "").CollectionPath(ns);
            await using var watch = await emulator.Api.WatchAsync($"{collection}?watch=true&resourceVersion={from}");
            using var deadline = new CancellationTokenSource(Deadlines.Event);
            try
            {
                while ((writes.Count > 0 || deletes.Count > 0) && await watch.ReadEventAsync(deadline.Token) is { } e)
                {
                    var obj = (JsonObject)e["object"]!;
                    var type = (string?)e["type"];
                    if (type == "ERROR")
                    {
                        violations.Add($"replaying {kind} from {from}: {e}");
                        return;
                    }

                    var name = (string?)obj["metadata"]?["name"] ?? "";
                    if (type == "DELETED" && deletes.TryGetValue(name, out var left))
                    {
                        Interlocked.Increment(ref historyChecked);
                        if (left == 1) deletes.Remove(name); else deletes[name] = left - 1;
                    }
                    else if (writes.Remove(ResourceVersions.Of(obj), out var ack))
                    {
                        Interlocked.Increment(ref historyChecked);
                        if (ack.Name != name || SoakObject.GenOf(obj) != ack.Gen)
                        {
                            violations.Add($"history at {ack.Rv} holds {name} gen {SoakObject.GenOf(obj)}, acknowledged {ack}");
                        }
                    }
                }
            }
            catch (OperationCanceledException)
            {
                violations.Add($"{kind} writes acknowledged but missing from the history after the kill: " +
                               $"{string.Join(", ", writes.Values.Take(5))} deletes {string.Join(", ", deletes.Select(d => $"{d.Key}×{d.Value}"))}");
            }
        }
    }

    /// <summary>Every object is in its last acknowledged state, or whole in one of the two states of a cut write.</summary>
    private async Task CheckStatesAsync(EmulatorProcess emulator, string ns, IReadOnlyList<SoakObject> objects)
    {
        foreach (var obj in objects)
        {
            var response = await emulator.Api.GetAsync(obj.Path(ns));
            string? actual = null;
            if (response.Code == 200)
            {
                var stored = response.Json();
                actual = SoakObject.GenOf(stored);
                if (obj.Defect(stored) is { } defect)
                {
                    violations.Add($"{obj.Kind} {obj.Name} is not whole after restart ({defect}): {stored}");
                }
            }
            else if (response.Code != 404)
            {
                violations.Add(response.Describe());
                continue;
            }

            if (obj.InFlight is var (before, after))
            {
                if (actual == after && after != before) cutApplied++;
                else if (actual == before) cutNotApplied++;
                else violations.Add($"{obj.Kind} {obj.Name}: a cut write left gen {actual ?? "absent"}, neither {before ?? "absent"} nor {after ?? "absent"}");
                obj.Gen = actual;
                obj.InFlight = null;
            }
            else
            {
                statesChecked++;
                if (actual != obj.Gen)
                {
                    violations.Add($"{obj.Kind} {obj.Name}: acknowledged gen {obj.Gen ?? "absent"}, stored {actual ?? "absent"}");
                    obj.Gen = actual;
                }
            }
        }
    }

    /// <summary>No ClusterIP and no NodePort is held by two Services, in the whole cluster.</summary>
    private async Task CheckAllocationsAsync(EmulatorProcess emulator)
    {
        var services = (JsonArray)(await emulator.Api.GetAsync("/api/v1/services")).HasStatus(HttpStatusCode.OK).Json()["items"]!;
        var ips = new Dictionary<string, string>();
        var ports = new Dictionary<long, string>();
        foreach (var svc in services)
        {
            var id = $"{svc!["metadata"]!["namespace"]}/{svc["metadata"]!["name"]}";
            foreach (var ip in (svc["spec"]?["clusterIPs"] as JsonArray ?? []).Select(i => (string?)i).Where(i => i is not (null or "None")))
            {
                if (!ips.TryAdd(ip!, id)) violations.Add($"ClusterIP {ip} held by {ips[ip!]} and {id}");
            }

            foreach (var port in (svc["spec"]?["ports"] as JsonArray ?? []).Select(p => p?["nodePort"]).OfType<JsonNode>())
            {
                var n = Number(port) ?? 0;
                if (!ports.TryAdd(n, id)) violations.Add($"NodePort {n} held by {ports[n]} and {id}");
            }
        }

        allocationChecks++;
    }

    /// <summary>Deployments have exactly their replicas Ready, Endpoints list exactly those pods, IPAddresses match Services.</summary>
    private async Task ConvergesAsync(EmulatorProcess emulator, string ns, IReadOnlyList<SoakObject> objects)
    {
        var clock = Stopwatch.StartNew();
        var problem = "not checked yet";
        while (clock.Elapsed < ConvergeDeadline)
        {
            problem = await ConvergenceProblemAsync(emulator, ns, objects);
            if (problem is null)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        throw new XunitException($"The controllers did not converge within {ConvergeDeadline.TotalSeconds} s: {problem}\n{emulator.RecentOutput()}");
    }

    private static async Task<string?> ConvergenceProblemAsync(EmulatorProcess emulator, string ns, IReadOnlyList<SoakObject> objects)
    {
        var pods = (JsonArray)(await emulator.Api.GetAsync($"/api/v1/namespaces/{ns}/pods")).HasStatus(HttpStatusCode.OK).Json()["items"]!;
        var live = pods.Where(p => p!["metadata"]?["deletionTimestamp"] is null).ToList();
        var readyIps = new Dictionary<string, HashSet<string>>();
        foreach (var deployment in objects.Where(o => o.Kind == "Deployment"))
        {
            var mine = live.Where(p => (string?)p!["metadata"]?["labels"]?["app"] == deployment.Name).ToList();
            var ready = mine.Where(p => (p!["status"]?["conditions"] as JsonArray ?? [])
                .Any(c => (string?)c?["type"] == "Ready" && (string?)c?["status"] == "True") && p["status"]?["podIP"] is not null).ToList();
            readyIps[deployment.Name] = [.. ready.Select(p => (string)p!["status"]!["podIP"]!)];
            if (deployment.Gen is null)
            {
                if (mine.Count > 0) return $"{mine.Count} pods of deleted deployment {deployment.Name} remain";
                continue;
            }

            var stored = (await emulator.Api.GetAsync(deployment.Path(ns))).HasStatus(HttpStatusCode.OK).Json();
            var replicas = Number(stored["spec"]?["replicas"]) ?? 1;
            if (mine.Count != replicas || ready.Count != replicas) return $"deployment {deployment.Name}: {replicas} replicas, {mine.Count} pods, {ready.Count} ready";
        }

        var addresses = (JsonArray)(await emulator.Api.GetAsync("/apis/networking.k8s.io/v1/ipaddresses")).HasStatus(HttpStatusCode.OK).Json()["items"]!;
        foreach (var service in objects.Where(o => o.Kind == "Service"))
        {
            var owners = addresses.Where(a => (string?)a!["spec"]?["parentRef"]?["namespace"] == ns && (string?)a["spec"]?["parentRef"]?["name"] == service.Name)
                .Select(a => (string?)a!["metadata"]?["name"]).ToList();
            if (service.Gen is null)
            {
                if (owners.Count > 0) return $"IPAddress {owners[0]} still names deleted service {service.Name}";
                continue;
            }

            var svc = (await emulator.Api.GetAsync(service.Path(ns))).HasStatus(HttpStatusCode.OK).Json();
            var clusterIp = (string?)svc["spec"]?["clusterIP"];
            if (owners.Count != 1 || owners[0] != clusterIp) return $"service {service.Name} ({clusterIp}) has IPAddresses [{string.Join(", ", owners)}]";

            var endpoints = await emulator.Api.GetAsync($"/api/v1/namespaces/{ns}/endpoints/{service.Name}");
            if (endpoints.Code != 200) return $"no Endpoints for service {service.Name} ({endpoints.Code})";
            var listed = ((endpoints.Json()["subsets"] as JsonArray) ?? [])
                .SelectMany(s => (s?["addresses"] as JsonArray) ?? []).Select(a => (string)a!["ip"]!).ToHashSet();
            var expected = readyIps.GetValueOrDefault(service.Selects) ?? [];
            if (!listed.SetEquals(expected))
            {
                return $"Endpoints {service.Name} list [{string.Join(", ", listed.Order())}], ready pods of {service.Selects} are [{string.Join(", ", expected.Order())}]";
            }
        }

        return null;
    }

    /// <summary>A JSON number as long, whichever CLR type the parser chose (the int-vs-long trap).</summary>
    private static long? Number(JsonNode? node) =>
        long.TryParse(node?.ToJsonString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static async Task<long> RevisionAsync(EmulatorProcess emulator, string ns)
    {
        var list = (await emulator.Api.GetAsync(ApiPaths.ConfigMaps(ns))).HasStatus(HttpStatusCode.OK).Json();
        return ResourceVersions.Parse((string?)list["metadata"]?["resourceVersion"], list.ToJsonString());
    }

    private void ThrowIfViolated(EmulatorProcess emulator)
    {
        if (!violations.IsEmpty)
        {
            throw new XunitException($"{violations.Count} invariant violation(s):\n{string.Join("\n", violations.Take(10))}\n--- emulator output ---\n{emulator.RecentOutput()}");
        }
    }
}
