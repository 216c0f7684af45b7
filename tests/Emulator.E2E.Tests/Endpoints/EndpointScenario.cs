using System.Net;
using System.Text.Json.Nodes;
using Emulator.E2E.Tests.Harness;
using Xunit.Sdk;

namespace Emulator.E2E.Tests.Endpoints;

/// <summary>
/// One namespace with a Node of its own, where a test plays kubelet by hand: pods are created with kubectl, bound to
/// that Node through spec.nodeName (the emulator's simulated kubelet only runs pods on its own node-N nodes, so it
/// leaves these alone, and the scheduler skips pods that already have a node), and their status (phase, podIP,
/// Ready condition) is written through the /status subresource as a kubelet would.
/// </summary>
public sealed class EndpointScenario
{
    private readonly EmulatorFixture fixture;

    private EndpointScenario(EmulatorFixture fixture, string ns, string node)
    {
        this.fixture = fixture;
        Namespace = ns;
        Node = node;
    }

    public string Namespace { get; }

    /// <summary>A Node object that exists (the EndpointSlice controller skips pods on missing nodes), zone "zone-e2e".</summary>
    public string Node { get; }

    public Kubectl Kubectl => fixture.Kubectl;

    public static async Task<EndpointScenario> StartAsync(EmulatorFixture fixture, string purpose)
    {
        var ns = await fixture.CreateNamespaceAsync(purpose);
        var node = Names.Unique("ep-node");
        var body = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Node",
            ["metadata"] = new JsonObject { ["name"] = node, ["labels"] = new JsonObject { ["topology.kubernetes.io/zone"] = "zone-e2e" } },
        };
        await fixture.Api.CreateAsync("/api/v1/nodes", body.ToJsonString());
        return new EndpointScenario(fixture, ns, node);
    }

    /// <summary>kubectl run -n ns: creates the objects of a YAML manifest in this namespace.</summary>
    public async Task CreateAsync(string manifest) =>
        (await fixture.Kubectl.CreateFromManifestAsync(manifest, "-n", Namespace)).Succeeds();

    public Task<CommandResult> RunAsync(params string[] arguments) => fixture.Kubectl.RunAsync([.. arguments, "-n", Namespace]);

    /// <summary>A pod bound to <see cref="Node"/>, labelled <paramref name="labels"/> ("k=v,k2=v2").</summary>
    public string PodYaml(string name, string labels, string ports = "", string extraSpec = "")
    {
        var labelLines = string.Join("\n", labels.Split(',').Select(l => $"    {l.Split('=')[0]}: \"{l.Split('=')[1]}\""));
        var portBlock = ports.Length == 0 ? "" : "\n    ports:\n" + string.Join("\n", ports.Split(',').Select(p =>
        {
            var parts = p.Split(':');
            return $"    - name: {parts[0]}\n      containerPort: {parts[1]}";
        }));
        return $"""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: {name}
                  labels:
                {labelLines}
                spec:
                  nodeName: {Node}
                {extraSpec}  containers:
                  - name: main
                    image: jpetazzo/httpenv{portBlock}
                """;
    }

    /// <summary>Creates the pods and reports them Running with <paramref name="ips"/>, ready or not.</summary>
    public async Task RunPodsAsync(IReadOnlyList<string> names, IReadOnlyList<string> ips, string labels, bool ready = true, string ports = "", Func<string, string>? extraSpec = null)
    {
        await CreateAsync(string.Join("\n---\n", names.Select(n => PodYaml(n, labels, ports, extraSpec?.Invoke(n) ?? ""))));
        for (var i = 0; i < names.Count; i++) await SetPodStatusAsync(names[i], ips[i], ready);
    }

    /// <summary>PUT .../pods/NAME/status: phase Running, podIP(s), Ready condition (retried on conflicts).</summary>
    public async Task SetPodStatusAsync(string name, string ip, bool ready)
    {
        var path = $"/api/v1/namespaces/{Namespace}/pods/{name}";
        for (var attempt = 0; ; attempt++)
        {
            var pod = (await fixture.Api.GetAsync(path)).HasStatus(HttpStatusCode.OK).Json();
            var now = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
            pod["status"] = new JsonObject
            {
                ["phase"] = "Running",
                ["hostIP"] = "127.18.0.200",
                ["podIP"] = ip,
                ["podIPs"] = new JsonArray(new JsonObject { ["ip"] = ip }),
                ["conditions"] = new JsonArray(
                    new JsonObject { ["type"] = "Ready", ["status"] = ready ? "True" : "False", ["lastTransitionTime"] = now },
                    new JsonObject { ["type"] = "ContainersReady", ["status"] = ready ? "True" : "False", ["lastTransitionTime"] = now },
                    new JsonObject { ["type"] = "PodScheduled", ["status"] = "True", ["lastTransitionTime"] = now }),
            };
            var response = await fixture.Api.PutAsync($"{path}/status", pod.ToJsonString());
            if (response.StatusCode == HttpStatusCode.Conflict && attempt < 5) continue;
            response.HasStatus(HttpStatusCode.OK);
            return;
        }
    }

    public async Task<JsonObject?> GetJsonAsync(string path)
    {
        var response = await fixture.Api.GetAsync(path);
        return response.StatusCode == HttpStatusCode.NotFound ? null : response.HasStatus(HttpStatusCode.OK).Json();
    }

    public Task<JsonObject?> EndpointsAsync(string service) => GetJsonAsync($"/api/v1/namespaces/{Namespace}/endpoints/{service}");

    public async Task<List<JsonObject>> SlicesAsync(string service)
    {
        var list = await GetJsonAsync($"/apis/discovery.k8s.io/v1/namespaces/{Namespace}/endpointslices?labelSelector=kubernetes.io%2Fservice-name%3D{service}");
        return [.. (list?["items"] as JsonArray ?? []).OfType<JsonObject>()];
    }

    /// <summary>Ready addresses of the Endpoints object, sorted.</summary>
    public static List<string> ReadyIps(JsonObject? endpoints) => Ips(endpoints, "addresses");

    public static List<string> NotReadyIps(JsonObject? endpoints) => Ips(endpoints, "notReadyAddresses");

    private static List<string> Ips(JsonObject? endpoints, string list) =>
        [.. (endpoints?["subsets"] as JsonArray ?? []).SelectMany(s => s?[list] as JsonArray ?? []).Select(a => (string)a!["ip"]!).Order(StringComparer.Ordinal)];

    /// <summary>Slice endpoints as (address, ready, serving, terminating), sorted.</summary>
    public static List<(string Ip, bool? Ready, bool? Serving, bool? Terminating)> SliceEndpoints(IEnumerable<JsonObject> slices) =>
        [.. slices.SelectMany(s => s["endpoints"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(e => ((string)e["addresses"]![0]!, (bool?)e["conditions"]?["ready"], (bool?)e["conditions"]?["serving"], (bool?)e["conditions"]?["terminating"]))
            .OrderBy(e => e.Item1, StringComparer.Ordinal)];

    /// <summary>Polls <paramref name="probe"/> until <paramref name="done"/> holds; fails with the last value seen.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? deadline = null)
    {
        var until = DateTime.UtcNow + (deadline ?? Deadlines.Event);
        while (true)
        {
            var value = await probe();
            if (done(value)) return value;
            if (DateTime.UtcNow > until)
                throw new XunitException($"Timed out waiting for {what}. Last seen:\n{Show(value)}");
            await Task.Delay(100);
        }
    }

    private static string Show<T>(T value) => value switch
    {
        CommandResult r => r.Describe(),
        JsonNode n => n.ToJsonString(),
        System.Collections.IEnumerable e => string.Join("\n", e.Cast<object?>().Select(o => o is JsonNode j ? j.ToJsonString() : o?.ToString())),
        _ => value?.ToString() ?? "null",
    };
}
