using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Emulator.E2E.Tests.Harness;
using static Emulator.E2E.Tests.Endpoints.EndpointScenario;

namespace Emulator.E2E.Tests.Endpoints;

/// <summary>
/// Endpoints and EndpointSlices kept up to date by the controllers, seen through real kubectl
/// (services-spec.md §4-§5, kubectl-wire.md §3). Pods are bound to a test-owned Node and their status is written
/// by the test (see <see cref="EndpointScenario"/>), so these tests do not depend on the simulated kubelet.
/// </summary>
[Collection(SharedEmulatorCollection.Name)]
public sealed partial class EndpointsCommandTests(EmulatorFixture fixture)
{
    private const string Deprecation = "^Warning: v1 Endpoints is deprecated in v1.33\\+; use discovery.k8s.io/v1 EndpointSlice$";

    private static string ServiceYaml(string name, string selector, string ports = "  - port: 8888\n    protocol: TCP", string extraSpec = "") =>
        $"""
         apiVersion: v1
         kind: Service
         metadata:
           name: {name}
           labels:
             app: {name}
         spec:
         {extraSpec}  selector:
             app: {selector}
           ports:
         {ports}
         """;

    private static (string[] Names, string[] Ips) Pods(string prefix, int count, int firstOctet = 10) =>
        ([.. Enumerable.Range(0, count).Select(i => $"{prefix}-{i}")], [.. Enumerable.Range(0, count).Select(i => $"10.99.{firstOctet}.{i + 10}")]);

    [Fact]
    public async Task Describe_service_get_endpoints_and_get_endpointslices_show_ten_ready_pods()
    {
        var s = await StartAsync(fixture, "ep-seed");
        await s.CreateAsync(ServiceYaml("httpenv", "httpenv"));
        var (names, ips) = Pods("httpenv", 10);
        await s.RunPodsAsync(names, ips, "app=httpenv");

        var describe = await EventuallyAsync(() => s.RunAsync("describe", "service", "httpenv"),
            r => r.ExitCode == 0 && r.StdoutLines.Any(l => EndpointsLine().IsMatch(l)), "describe service to list ten endpoints");
        var shown = EndpointsLine().Match(describe.StdoutLines.First(l => EndpointsLine().IsMatch(l)));
        Assert.All(shown.Groups["ip"].Captures, c => Assert.Contains(c.Value, ips));

        (await s.RunAsync("get", "endpoints")).Succeeds()
            .PrintsHeader(@"^NAME\s+ENDPOINTS\s+AGE$")
            .PrintsLine(@"^httpenv\s+10\.99\.10\.\d+:8888,10\.99\.10\.\d+:8888,10\.99\.10\.\d+:8888 \+ 7 more\.\.\.\s+\S+$")
            .PrintsErrorLine(Deprecation);
        (await s.RunAsync("get", "endpointslices")).Succeeds()
            .PrintsHeader(@"^NAME\s+ADDRESSTYPE\s+PORTS\s+ENDPOINTS\s+AGE$")
            .PrintsLine(@"^httpenv-[a-z0-9]{5}\s+IPv4\s+8888\s+10\.99\.10\.\d+,10\.99\.10\.\d+,10\.99\.10\.\d+ \+ 7 more\.\.\.\s+\S+$");
        var yaml = (await s.RunAsync("get", "endpoints", "httpenv", "-o", "yaml")).Succeeds().PrintsErrorLine(Deprecation);
        foreach (var ip in ips) Assert.Contains($"ip: {ip}", yaml.Stdout, StringComparison.Ordinal);
        (await s.RunAsync("describe", "endpoints", "httpenv")).Succeeds().PrintsErrorLine(Deprecation)
            .PrintsLine(@"^\s+Addresses:\s+(10\.99\.10\.\d+,){9}10\.99\.10\.\d+$");

        // The addresses are exactly the pods' IPs as `get pods -o wide` shows them.
        var wide = (await s.RunAsync("get", "pods", "-l", "app=httpenv", "-o", "wide")).Succeeds();
        var podIps = wide.StdoutLines.Skip(1).Select(l => Regex.Split(l.Trim(), @"\s+")[5]).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(podIps, ReadyIps(await s.EndpointsAsync("httpenv")));
    }

    [GeneratedRegex(@"^Endpoints:\s+(?:(?<ip>10\.99\.10\.\d+):8888,){2}(?<ip>10\.99\.10\.\d+):8888 \+ 7 more\.\.\.$")]
    private static partial Regex EndpointsLine();

    [Fact]
    public async Task Readiness_deletion_and_new_pods_keep_endpoints_and_slices_exact()
    {
        var s = await StartAsync(fixture, "ep-churn");
        await s.CreateAsync(ServiceYaml("web", "web"));
        var (names, ips) = Pods("web", 5);
        await s.RunPodsAsync(names, ips, "app=web");
        await EventuallyAsync(() => s.EndpointsAsync("web"), e => ReadyIps(e).Count == 5, "five ready addresses");

        // A pod failing readiness moves to notReadyAddresses and its slice endpoint turns not ready.
        await s.SetPodStatusAsync(names[1], ips[1], ready: false);
        var ep = await EventuallyAsync(() => s.EndpointsAsync("web"), e => NotReadyIps(e).Count == 1, "one not-ready address");
        Assert.Equal([ips[1]], NotReadyIps(ep));
        var slices = await EventuallyAsync(() => s.SlicesAsync("web"), l => SliceEndpoints(l).Any(e => e.Ip == ips[1] && e.Ready == false), "the slice to mark the pod not ready");
        Assert.Equal((false, false), SliceEndpoints(slices).Where(e => e.Ip == ips[1]).Select(e => (e.Ready, e.Serving)).Single());
        (await s.RunAsync("describe", "service", "web")).Succeeds().PrintsLine(@"^Endpoints:\s+(10\.99\.10\.\d+:8888,){2}10\.99\.10\.\d+:8888 \+ 1 more\.\.\.$");

        // Scaling down: deleted pods disappear from both, nothing stale remains.
        (await s.RunAsync("delete", "pod", names[3], names[4], "--grace-period=0", "--force")).Succeeds();
        ep = await EventuallyAsync(() => s.EndpointsAsync("web"), e => ReadyIps(e).Count == 2 && NotReadyIps(e).Count == 1, "two ready and one not-ready address");
        Assert.Equal(new[] { ips[0], ips[2] }.Order(StringComparer.Ordinal), ReadyIps(ep));
        slices = await EventuallyAsync(() => s.SlicesAsync("web"), l => SliceEndpoints(l).Count == 3, "three slice endpoints");
        Assert.Single(slices);

        // Scaling up again.
        var (more, moreIps) = Pods("web-new", 2, firstOctet: 11);
        await s.RunPodsAsync(more, moreIps, "app=web");
        ep = await EventuallyAsync(() => s.EndpointsAsync("web"), e => ReadyIps(e).Count == 4, "four ready addresses");
        Assert.Equal(new[] { ips[0], ips[2], moreIps[0], moreIps[1] }.Order(StringComparer.Ordinal), ReadyIps(ep));
        slices = await EventuallyAsync(() => s.SlicesAsync("web"), l => SliceEndpoints(l).Count == 5, "five slice endpoints");
        Assert.Single(slices);
    }

    [Fact]
    public async Task Changing_the_selector_switches_endpoints_to_the_newly_selected_pods()
    {
        var s = await StartAsync(fixture, "ep-selector");
        await s.CreateAsync(ServiceYaml("web", "blue"));
        var (blue, blueIps) = Pods("blue", 2);
        var (green, greenIps) = Pods("green", 2, firstOctet: 12);
        await s.RunPodsAsync(blue, blueIps, "app=blue");
        await s.RunPodsAsync(green, greenIps, "app=green");
        await EventuallyAsync(() => s.EndpointsAsync("web"), e => ReadyIps(e).SequenceEqual(blueIps), "the blue pods");

        (await s.RunAsync("patch", "service", "web", "--type=merge", "-p", "{\"spec\":{\"selector\":{\"app\":\"green\"}}}")).Succeeds();
        await EventuallyAsync(() => s.EndpointsAsync("web"), e => ReadyIps(e).SequenceEqual(greenIps), "the green pods");
        var slices = await EventuallyAsync(() => s.SlicesAsync("web"), l => SliceEndpoints(l).Select(e => e.Ip).SequenceEqual(greenIps), "slices with the green pods only");
        Assert.Single(slices);
    }

    [Fact]
    public async Task Named_target_port_resolving_to_different_numbers_gives_two_subsets_and_two_slices()
    {
        var s = await StartAsync(fixture, "ep-named");
        await s.CreateAsync(ServiceYaml("web", "web", ports: "  - name: http\n    port: 80\n    targetPort: web"));
        await s.RunPodsAsync(["a"], ["10.99.13.1"], "app=web", ports: "web:3000");
        await s.RunPodsAsync(["b"], ["10.99.13.2"], "app=web", ports: "web:3001");

        var ep = await EventuallyAsync(() => s.EndpointsAsync("web"), e => ReadyIps(e).Count == 2, "both pods");
        var subsets = ((JsonArray)ep!["subsets"]!).OfType<JsonObject>()
            .ToDictionary(x => (int)x["ports"]![0]!["port"]!, x => (string)x["addresses"]![0]!["ip"]!);
        Assert.Equal(new Dictionary<int, string> { [3000] = "10.99.13.1", [3001] = "10.99.13.2" }, subsets);
        var slices = await EventuallyAsync(() => s.SlicesAsync("web"), l => l.Count == 2 && SliceEndpoints(l).Count == 2, "two slices");
        Assert.All(slices, slice => Assert.Equal("http", (string?)slice["ports"]![0]!["name"]));
        (await s.RunAsync("describe", "service", "web")).Succeeds().PrintsLine(@"^Endpoints:\s+10\.99\.13\.\d:300\d,10\.99\.13\.\d:300\d$");
    }

    [Fact]
    public async Task Two_port_service_lists_both_ports_for_every_pod()
    {
        var s = await StartAsync(fixture, "ep-multiport");
        await s.CreateAsync(ServiceYaml("web", "web", ports: "  - name: http\n    port: 80\n    targetPort: 8080\n  - name: metrics\n    port: 9090"));
        await s.RunPodsAsync(["a", "b"], ["10.99.14.1", "10.99.14.2"], "app=web");

        var ep = await EventuallyAsync(() => s.EndpointsAsync("web"), e => ReadyIps(e).Count == 2, "both pods");
        var subset = Assert.Single((JsonArray)ep!["subsets"]!)!;
        Assert.Equal(["http:8080", "metrics:9090"], ((JsonArray)subset["ports"]!).Select(p => $"{p!["name"]}:{p["port"]}").Order(StringComparer.Ordinal));
        (await s.RunAsync("get", "endpoints", "web")).Succeeds()
            .PrintsLine(@"^web\s+10\.99\.14\.\d:\d+,10\.99\.14\.\d:\d+,10\.99\.14\.\d:\d+ \+ 1 more\.\.\.\s+\S+$");
    }

    [Fact]
    public async Task Headless_service_publishes_hostnames_of_its_subdomain_pods()
    {
        var s = await StartAsync(fixture, "ep-headless");
        await s.CreateAsync(ServiceYaml("db", "db", extraSpec: "  clusterIP: None\n"));
        await s.RunPodsAsync(["db-0", "db-1"], ["10.99.15.1", "10.99.15.2"], "app=db", extraSpec: n => $"  hostname: {n}\n  subdomain: db\n");

        var ep = await EventuallyAsync(() => s.EndpointsAsync("db"), e => ReadyIps(e).Count == 2, "both pods");
        Assert.Equal("", (string?)ep!["metadata"]!["labels"]!["service.kubernetes.io/headless"]);
        var hostnames = ((JsonArray)ep["subsets"]![0]!["addresses"]!).Select(a => $"{a!["ip"]}={a["hostname"]}");
        Assert.Equal(["10.99.15.1=db-0", "10.99.15.2=db-1"], hostnames);
        var slice = Assert.Single(await EventuallyAsync(() => s.SlicesAsync("db"), l => SliceEndpoints(l).Count == 2, "the slice"));
        Assert.Equal("", (string?)slice["metadata"]!["labels"]!["service.kubernetes.io/headless"]);
        Assert.Equal(["db-0", "db-1"], ((JsonArray)slice["endpoints"]!).Select(e => (string?)e!["hostname"]).Order(StringComparer.Ordinal));
        Assert.All((JsonArray)slice["endpoints"]!, e => Assert.Equal("zone-e2e", (string?)e!["zone"]));
    }

    [Fact]
    public async Task Service_without_matching_pods_has_empty_endpoints_and_a_placeholder_slice_and_both_go_with_it()
    {
        var s = await StartAsync(fixture, "ep-empty");
        await s.CreateAsync(ServiceYaml("lonely", "nobody"));

        var ep = await EventuallyAsync(() => s.EndpointsAsync("lonely"), e => e is not null, "the Endpoints object");
        Assert.Null(ep!["subsets"]);
        Assert.Equal("lonely", (string?)ep["metadata"]!["labels"]!["app"]);
        (await s.RunAsync("get", "endpoints", "lonely")).Succeeds().PrintsLine(@"^lonely\s+<none>\s+\S+$");
        var slice = Assert.Single(await EventuallyAsync(() => s.SlicesAsync("lonely"), l => l.Count == 1, "the placeholder slice"));
        Assert.Equal("endpointslice-controller.k8s.io", (string?)slice["metadata"]!["labels"]!["endpointslice.kubernetes.io/managed-by"]);
        Assert.Equal("lonely-", (string?)slice["metadata"]!["generateName"]);
        Assert.Equal("Service", (string?)slice["metadata"]!["ownerReferences"]![0]!["kind"]);
        Assert.True(slice.ContainsKey("endpoints") && slice["endpoints"] is null);
        (await s.RunAsync("get", "endpointslices")).Succeeds().PrintsLine(@"^lonely-[a-z0-9]{5}\s+IPv4\s+<unset>\s+<unset>\s+\S+$");
        (await s.RunAsync("describe", "service", "lonely")).Succeeds().PrintsLine(@"^Endpoints:\s*$");

        (await s.RunAsync("delete", "service", "lonely")).Succeeds();
        await EventuallyAsync(() => s.EndpointsAsync("lonely"), e => e is null, "the Endpoints to be deleted");
        await EventuallyAsync(() => s.SlicesAsync("lonely"), l => l.Count == 0, "the slice to be deleted");
    }

    [Fact]
    public async Task Terminating_pod_leaves_endpoints_but_stays_in_its_slice_as_terminating()
    {
        var s = await StartAsync(fixture, "ep-terminating");
        await s.CreateAsync(ServiceYaml("web", "web"));
        await s.RunPodsAsync(["a", "b"], ["10.99.16.1", "10.99.16.2"], "app=web");
        await EventuallyAsync(() => s.EndpointsAsync("web"), e => ReadyIps(e).Count == 2, "both pods");
        // A finalizer holds the pod in Terminating (deletionTimestamp set) whoever runs it.
        (await s.RunAsync("patch", "pod", "a", "--type=merge", "-p", "{\"metadata\":{\"finalizers\":[\"e2e.example.com/hold\"]}}")).Succeeds();
        (await s.RunAsync("delete", "pod", "a", "--wait=false")).Succeeds();

        var ep = await EventuallyAsync(() => s.EndpointsAsync("web"), e => ReadyIps(e).Count == 1, "the terminating pod to leave Endpoints");
        Assert.Equal(["10.99.16.2"], ReadyIps(ep));
        Assert.Empty(NotReadyIps(ep));
        var slices = await EventuallyAsync(() => s.SlicesAsync("web"), l => SliceEndpoints(l).Any(e => e.Terminating == true), "a terminating slice endpoint");
        Assert.Equal(("10.99.16.1", false, true, true), SliceEndpoints(slices).Single(e => e.Ip == "10.99.16.1"));

        (await s.RunAsync("patch", "pod", "a", "--type=merge", "-p", "{\"metadata\":{\"finalizers\":null}}")).Succeeds();
        // No kubelet runs this pod, so nothing ends its grace period: force it, as an admin would.
        (await s.RunAsync("delete", "pod", "a", "--grace-period=0", "--force")).Succeeds();
        await EventuallyAsync(() => s.SlicesAsync("web"), l => SliceEndpoints(l).Count == 1, "the pod to leave the slice once gone");
    }

    [Fact]
    public async Task Selectorless_service_keeps_hand_written_endpoints_and_mirrors_them_unless_skip_mirror()
    {
        var s = await StartAsync(fixture, "ep-manual");
        await s.CreateAsync("apiVersion: v1\nkind: Service\nmetadata:\n  name: ext\nspec:\n  ports:\n  - port: 80\n    targetPort: 9000\n");
        await s.CreateAsync("apiVersion: v1\nkind: Service\nmetadata:\n  name: hidden\nspec:\n  ports:\n  - port: 80\n");
        (await fixture.Kubectl.CreateFromManifestAsync(
            "apiVersion: v1\nkind: Endpoints\nmetadata:\n  name: ext\n  labels:\n    team: a\nsubsets:\n- addresses:\n  - ip: 192.0.2.10\n  notReadyAddresses:\n  - ip: 192.0.2.11\n  ports:\n  - port: 9000\n",
            "-n", s.Namespace)).Succeeds().PrintsErrorLine(Deprecation);
        await s.CreateAsync(
            "apiVersion: v1\nkind: Endpoints\nmetadata:\n  name: hidden\n  labels:\n    endpointslice.kubernetes.io/skip-mirror: \"true\"\nsubsets:\n- addresses:\n  - ip: 192.0.2.20\n  ports:\n  - port: 80\n");

        var slice = Assert.Single(await EventuallyAsync(() => s.SlicesAsync("ext"), l => l.Count == 1, "the mirrored slice"));
        Assert.Equal("endpointslicemirroring-controller.k8s.io", (string?)slice["metadata"]!["labels"]!["endpointslice.kubernetes.io/managed-by"]);
        Assert.Equal("a", (string?)slice["metadata"]!["labels"]!["team"]);
        Assert.Equal("Endpoints", (string?)slice["metadata"]!["ownerReferences"]![0]!["kind"]);
        Assert.Equal([("192.0.2.10", true, null, null), ("192.0.2.11", false, null, null)], SliceEndpoints([slice]).Select(e => (e.Ip, e.Ready, e.Serving, e.Terminating)));
        (await s.RunAsync("describe", "service", "ext")).Succeeds().PrintsLine(@"^Endpoints:\s+192\.0\.2\.10:9000$");

        // The controller never touches user Endpoints of a selector-less service.
        await Task.Delay(500);
        Assert.Equal(["192.0.2.10"], ReadyIps(await s.EndpointsAsync("ext")));
        Assert.Empty(await s.SlicesAsync("hidden"));

        (await s.RunAsync("delete", "endpoints", "ext")).Succeeds();
        await EventuallyAsync(() => s.SlicesAsync("ext"), l => l.Count == 0, "the mirrored slice to go with the Endpoints");
    }

    [Fact]
    public async Task Every_v1_endpoints_request_carries_the_deprecation_warning_and_endpointslice_requests_do_not()
    {
        var s = await StartAsync(fixture, "ep-warning");
        await s.CreateAsync(ServiceYaml("web", "web"));
        await EventuallyAsync(() => s.EndpointsAsync("web"), e => e is not null, "the Endpoints object");

        (await s.RunAsync("get", "endpoints")).Succeeds().PrintsErrorLine(Deprecation);
        (await s.RunAsync("get", "ep", "web", "-o", "json")).Succeeds().PrintsErrorLine(Deprecation);
        (await s.RunAsync("describe", "endpoints", "web")).Succeeds().PrintsErrorLine(Deprecation);
        var slices = (await s.RunAsync("get", "endpointslices")).Succeeds();
        Assert.DoesNotContain(slices.StderrLines, l => l.Contains("deprecated", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Kubernetes_service_endpoints_point_at_the_api_server()
    {
        var ep = await EventuallyAsync(() => fixture.Api.GetAsync("/api/v1/namespaces/default/endpoints/kubernetes"),
            r => r.Code == 200, "Endpoints default/kubernetes (the kubernetes Service is seeded at start)");
        var endpoints = ep.Json();
        var address = (string)endpoints["subsets"]![0]!["addresses"]![0]!["ip"]!;
        var port = (int)endpoints["subsets"]![0]!["ports"]![0]!["port"]!;
        Assert.Equal(("127.0.0.1", fixture.Emulator.Ports.Api), (address, port));
        Assert.Equal("true", (string?)endpoints["metadata"]!["labels"]!["endpointslice.kubernetes.io/skip-mirror"]);
        (await fixture.Kubectl.RunAsync("get", "endpointslice", "kubernetes", "-n", "default")).Succeeds()
            .PrintsLine($@"^kubernetes\s+IPv4\s+{port}\s+127\.0\.0\.1\s+\S+$");
    }
}
