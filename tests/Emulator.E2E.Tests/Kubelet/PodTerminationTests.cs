using System.Diagnostics;
using System.Text.Json.Nodes;
using Emulator.E2E.Tests.Harness;
using Xunit.Sdk;
using ProxyCurl = Emulator.E2E.Tests.Proxy.Curl;

namespace Emulator.E2E.Tests.Kubelet;

/// <summary>
/// Graceful pod deletion as the real kubelet runs it (ADR 0019): preStop hook first with the container still serving,
/// then SIGTERM with each image's real exit code, then the pod's last status (containers terminated, Ready False,
/// phase Succeeded or Failed) before it goes. Observed with real kubectl and curl through the Service's ClusterIP.
/// </summary>
[Collection(SharedEmulatorCollection.Name)]
public sealed class PodTerminationTests(EmulatorFixture fixture)
{
    private const string Hold = "e2e.example.com/hold";
    private static readonly TimeSpan Rollout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Scaling_the_only_pod_away_stops_it_and_the_service_refuses_instead_of_relaying_to_a_dead_backend()
    {
        var ns = await fixture.CreateNamespaceAsync("term-refuse");
        var kubectl = fixture.Kubectl;
        var (pod, url) = await DeployBehindServiceAsync(ns, "web", "");
        // A finalizer keeps the pod object after the kubelet's final delete, so its last status can be read at leisure.
        (await kubectl.RunAsync("patch", "pod", pod, "-n", ns, "--type=merge", "-p", $"{{\"metadata\":{{\"finalizers\":[\"{Hold}\"]}}}}")).Succeeds();

        (await kubectl.RunAsync("scale", "deployment", "web", "--replicas=0", "-n", ns)).Succeeds();

        // Go's httpenv dies of SIGTERM: the runtime reports 128+15; the pod is terminal, so it leaves the Service.
        var status = await UntilPodAsync(ns, pod, p => (string?)p["status"]?["phase"] == "Failed");
        var terminated = status["status"]!["containerStatuses"]![0]!["state"]!["terminated"]!;
        Assert.Equal(143, (int)terminated["exitCode"]!);
        Assert.Equal("Error", (string?)terminated["reason"]);
        Assert.NotNull((string?)terminated["finishedAt"]);
        Assert.Equal("False", Condition(status, "Ready"));
        Assert.Equal("False", Condition(status, "ContainersReady"));
        Assert.NotNull(status["metadata"]!["deletionTimestamp"]);

        var podIp = (string)status["status"]!["podIP"]!;
        var slices = await UntilSlicesAsync(ns, "web", endpoints => !endpoints.Any(e => (string?)e["addresses"]![0] == podIp));
        Assert.DoesNotContain(slices, e => e["conditions"]?["serving"]?.GetValue<bool>() == true);
        // kube-proxy has no endpoint left: a REJECT, which curl reports as "could not connect" (7), never a reset (56).
        for (var i = 0; i < 5; i++) Assert.Equal(ProxyCurl.CouldNotConnect, (await ProxyCurl.RunAsync(url)).ExitCode);

        (await kubectl.RunAsync("patch", "pod", pod, "-n", ns, "--type=merge", "-p", "{\"metadata\":{\"finalizers\":null}}")).Succeeds();
        (await kubectl.RunAsync(["wait", "--for=delete", $"pod/{pod}", "-n", ns, "--timeout=60s"], null, Rollout)).Succeeds();

        // And back: a new pod answers through the same Service.
        (await kubectl.RunAsync("scale", "deployment", "web", "--replicas=1", "-n", ns)).Succeeds();
        (await kubectl.RunAsync(["rollout", "status", "deploy/web", "-n", ns], null, Rollout)).Succeeds();
        Assert.StartsWith("web-", await ProxyCurl.HostnameWhenAnsweringAsync(url));
    }

    [Fact]
    public async Task A_pre_stop_sleep_keeps_the_terminating_pod_serving_through_the_service_until_it_ends()
    {
        var ns = await fixture.CreateNamespaceAsync("term-prestop");
        var kubectl = fixture.Kubectl;
        var (pod, url) = await DeployBehindServiceAsync(ns, "drain", "        lifecycle:\n          preStop:\n            sleep:\n              seconds: 6\n");
        var podIp = (await kubectl.RunAsync("get", "pod", pod, "-n", ns, "-o", "jsonpath={.status.podIP}")).Succeeds().Stdout.Trim();
        var clock = Stopwatch.StartNew();

        (await kubectl.RunAsync("scale", "deployment", "drain", "--replicas=0", "-n", ns)).Succeeds();

        // KEP-1669: no ready endpoint left, so the proxy falls back to the serving, terminating one.
        var endpoints = await UntilSlicesAsync(ns, "drain", l => l.Any(e => e["conditions"]?["terminating"]?.GetValue<bool>() == true));
        var mine = endpoints.Single(e => (string?)e["addresses"]![0] == podIp);
        Assert.False(mine["conditions"]!["ready"]!.GetValue<bool>());
        Assert.True(mine["conditions"]!["serving"]!.GetValue<bool>());
        Assert.Equal(pod, await ProxyCurl.HostnameAsync(url));
        (await kubectl.RunAsync("get", "pod", pod, "-n", ns)).Succeeds().PrintsLine($@"^{pod}\s+1/1\s+Terminating\s+0\s+");

        // Then SIGTERM: the pod goes, and the Service refuses.
        await ProxyCurl.RefusedAsync(url);
        (await kubectl.RunAsync(["wait", "--for=delete", $"pod/{pod}", "-n", ns, "--timeout=60s"], null, Rollout)).Succeeds();
        // The hook really waited its 6 s (a loaded machine only makes this longer).
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(5.5), $"the pod was gone after {clock.Elapsed}");
        (await kubectl.RunAsync("get", "events", "-n", ns, "--field-selector", $"involvedObject.name={pod},reason=Killing", "-o", "jsonpath={.items[*].message}"))
            .Succeeds().PrintsExactly("Stopping container httpenv");
    }

    [Fact]
    public async Task Each_image_ends_as_it_does_on_sigterm_and_the_terminal_pod_reports_every_exit_code()
    {
        var ns = await fixture.CreateNamespaceAsync("term-codes");
        var kubectl = fixture.Kubectl;
        (await kubectl.RunAsync(["apply", "-n", ns, "-f", "-"], $$"""
            apiVersion: v1
            kind: Pod
            metadata:
              name: trio
              finalizers: ["{{Hold}}"]
            spec:
              containers:
              - name: go
                image: jpetazzo/httpenv
                lifecycle:
                  preStop:
                    httpGet:
                      path: /quit
                      port: 9999
              - name: nginx
                image: nginx
                lifecycle:
                  preStop:
                    httpGet:
                      path: /
                      port: 80
              - name: sleeper
                image: busybox
                command: ["sleep", "3600"]
            """)).Succeeds();
        await kubectl.UntilAsync(@"^Running$", "get", "pod", "trio", "-n", ns, "-o", "jsonpath={.status.phase}");
        var clock = Stopwatch.StartNew();

        (await kubectl.RunAsync("delete", "pod", "trio", "-n", ns, "--wait=false")).Succeeds();

        var pod = await UntilPodAsync(ns, "trio", p => (string?)p["status"]?["phase"] is "Failed" or "Succeeded");
        Assert.Equal("Failed", (string?)pod["status"]!["phase"]);
        var codes = pod["status"]!["containerStatuses"]!.AsArray().OfType<JsonObject>()
            .ToDictionary(c => (string)c["name"]!, c => ((int)c["state"]!["terminated"]!["exitCode"]!, (string?)c["state"]!["terminated"]!["reason"]));
        Assert.Equal((143, "Error"), codes["go"]);
        Assert.Equal((0, "Completed"), codes["nginx"]);
        Assert.Equal((137, "Error"), codes["sleeper"]);
        Assert.All(pod["status"]!["containerStatuses"]!.AsArray(), c => Assert.False(c!["ready"]!.GetValue<bool>()));
        (await kubectl.RunAsync("get", "pod", "trio", "-n", ns)).Succeeds().PrintsLine(@"^trio\s+0/3\s+Error\s+0\s+");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(25), $"the default 30 s grace was waited out: {clock.Elapsed}");
        // Nothing listens on 9999: that hook failed (the kubelet keeps the reason out of the event); nginx's answered.
        (await kubectl.RunAsync("get", "events", "-n", ns, "--field-selector", "involvedObject.name=trio,reason=FailedPreStopHook",
            "-o", "jsonpath={range .items[*]}{.involvedObject.fieldPath} {.message}{\"\\n\"}{end}")).Succeeds()
            .PrintsExactly("spec.containers{go} PreStopHook failed\n");

        (await kubectl.RunAsync("patch", "pod", "trio", "-n", ns, "--type=merge", "-p", "{\"metadata\":{\"finalizers\":null}}")).Succeeds();
        (await kubectl.RunAsync(["wait", "--for=delete", "pod/trio", "-n", ns, "--timeout=60s"], null, Rollout)).Succeeds();
    }

    [Fact]
    public async Task A_readiness_probe_failing_during_the_pre_stop_hook_takes_the_still_running_pod_out_of_service()
    {
        var ns = await fixture.CreateNamespaceAsync("term-unready");
        var kubectl = fixture.Kubectl;
        (await kubectl.RunAsync(["apply", "-n", ns, "-f", "-"], """
            apiVersion: v1
            kind: Pod
            metadata:
              name: drain
              labels:
                app: drain
            spec:
              containers:
              - name: web
                image: jpetazzo/httpenv
                lifecycle:
                  preStop:
                    sleep:
                      seconds: 8
              - name: gate
                image: busybox
                command: ["sh", "-c", "touch /tmp/ready; sleep 3600"]
                readinessProbe:
                  exec:
                    command: ["cat", "/tmp/ready"]
                  periodSeconds: 1
                  failureThreshold: 1
                lifecycle:
                  preStop:
                    exec:
                      command: ["sh", "-c", "rm /tmp/ready; sleep 8"]
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: drain
            spec:
              selector:
                app: drain
              ports:
              - port: 8888
            """)).Succeeds();
        var ip = (await kubectl.RunAsync("get", "svc", "drain", "-n", ns, "-o", "jsonpath={.spec.clusterIP}")).Succeeds().Stdout.Trim();
        var url = $"http://{ip}:8888/";
        await kubectl.UntilAsync(@"^True$", "get", "pod", "drain", "-n", ns, "-o", "jsonpath={.status.conditions[?(@.type==\"Ready\")].status}");
        Assert.Equal("drain", await ProxyCurl.HostnameWhenAnsweringAsync(url));

        (await kubectl.RunAsync("delete", "pod", "drain", "-n", ns, "--wait=false")).Succeeds();

        // The readiness worker keeps probing during termination: the hook removed the file, so the pod is unready
        // while both containers still run their hooks, and the endpoint is neither ready nor serving, only terminating.
        var endpoints = await UntilSlicesAsync(ns, "drain", l => l.Any(e => e["conditions"]?["terminating"]?.GetValue<bool>() == true
            && e["conditions"]?["serving"]?.GetValue<bool>() == false));
        var conditions = Assert.Single(endpoints)["conditions"]!;
        Assert.False(conditions["ready"]!.GetValue<bool>());
        var pod = JsonNode.Parse((await kubectl.RunAsync("get", "pod", "drain", "-n", ns, "-o", "json")).Succeeds().Stdout)!;
        Assert.All(pod["status"]!["containerStatuses"]!.AsArray(), c => Assert.NotNull(c!["state"]!["running"]));
        Assert.Equal("False", Condition(pod.AsObject(), "Ready"));
        // Nothing serving is left, so kube-proxy rejects, although the web container would still answer.
        Assert.Equal(ProxyCurl.CouldNotConnect, (await ProxyCurl.RunAsync(url)).ExitCode);

        (await kubectl.RunAsync(["wait", "--for=delete", "pod/drain", "-n", ns, "--timeout=60s"], null, Rollout)).Succeeds();
        (await kubectl.RunAsync("get", "events", "-n", ns, "--field-selector", "involvedObject.name=drain,reason=Unhealthy",
            "-o", "jsonpath={range .items[*]}{.involvedObject.fieldPath} {.message}{\"\\n\"}{end}")).Succeeds()
            .PrintsLine(@"^spec\.containers\{gate\} Readiness probe failed: ");
    }

    [Fact]
    public async Task A_second_delete_with_a_shorter_grace_period_cuts_a_long_pre_stop_hook_short()
    {
        var ns = await fixture.CreateNamespaceAsync("term-shorten");
        var kubectl = fixture.Kubectl;
        (await kubectl.RunAsync(["apply", "-n", ns, "-f", "-"], """
            apiVersion: v1
            kind: Pod
            metadata:
              name: slow
            spec:
              terminationGracePeriodSeconds: 300
              containers:
              - name: web
                image: jpetazzo/httpenv
                lifecycle:
                  preStop:
                    sleep:
                      seconds: 200
            """)).Succeeds();
        await kubectl.UntilAsync(@"^Running$", "get", "pod", "slow", "-n", ns, "-o", "jsonpath={.status.phase}");
        (await kubectl.RunAsync("delete", "pod", "slow", "-n", ns, "--wait=false")).Succeeds();
        await kubectl.UntilAsync(@"^slow\s+1/1\s+Terminating\s+", "get", "pod", "slow", "-n", ns, "--no-headers");
        var clock = Stopwatch.StartNew();

        // kubectl delete waits until the pod is gone: with the 200 s hook cut to 1 s of grace that is moments, not minutes.
        (await kubectl.RunAsync(["delete", "pod", "slow", "-n", ns, "--grace-period=1"], null, Rollout)).Succeeds()
            .PrintsExactly($"pod \"slow\" deleted from {ns} namespace\n");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"the shortened grace period was ignored: {clock.Elapsed}");
    }

    /// <summary>A one-replica httpenv Deployment behind a ClusterIP Service, answering; returns the pod and the Service URL.</summary>
    private async Task<(string Pod, string Url)> DeployBehindServiceAsync(string ns, string name, string containerExtra)
    {
        var kubectl = fixture.Kubectl;
        var manifest = $"""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: {name}
            spec:
              replicas: 1
              selector:
                matchLabels:
                  app: {name}
              template:
                metadata:
                  labels:
                    app: {name}
                spec:
                  containers:
                  - name: httpenv
                    image: jpetazzo/httpenv
            {containerExtra}---
            apiVersion: v1
            kind: Service
            metadata:
              name: {name}
            spec:
              selector:
                app: {name}
              ports:
              - port: 8888
            """;
        (await kubectl.RunAsync(["apply", "-n", ns, "-f", "-"], manifest)).Succeeds();
        (await kubectl.RunAsync(["rollout", "status", $"deploy/{name}", "-n", ns], null, Rollout)).Succeeds();
        var pod = (await kubectl.RunAsync("get", "pods", "-n", ns, "-l", $"app={name}", "-o", "jsonpath={.items[0].metadata.name}")).Succeeds().Stdout.Trim();
        var ip = (await kubectl.RunAsync("get", "svc", name, "-n", ns, "-o", "jsonpath={.spec.clusterIP}")).Succeeds().Stdout.Trim();
        var url = $"http://{ip}:8888/";
        Assert.Equal(pod, await ProxyCurl.HostnameWhenAnsweringAsync(url));
        return (pod, url);
    }

    private async Task<JsonObject> UntilPodAsync(string ns, string pod, Func<JsonObject, bool> done)
    {
        var clock = Stopwatch.StartNew();
        CommandResult last;
        do
        {
            last = await fixture.Kubectl.RunAsync("get", "pod", pod, "-n", ns, "-o", "json");
            if (last.ExitCode == 0 && JsonNode.Parse(last.Stdout) is JsonObject o && done(o)) return o;
            await Task.Delay(100);
        } while (clock.Elapsed < Deadlines.Event);
        throw new XunitException($"pod {pod} never reached the expected state.\n{last.Describe()}");
    }

    /// <summary>The endpoints of the Service's slices (kubectl get endpointslice -o json), once they satisfy <paramref name="done"/>.</summary>
    private async Task<List<JsonObject>> UntilSlicesAsync(string ns, string service, Func<List<JsonObject>, bool> done)
    {
        var clock = Stopwatch.StartNew();
        CommandResult last;
        do
        {
            last = await fixture.Kubectl.RunAsync("get", "endpointslice", "-n", ns, "-l", $"kubernetes.io/service-name={service}", "-o", "json");
            if (last.ExitCode == 0)
            {
                var endpoints = (JsonNode.Parse(last.Stdout)!["items"] as JsonArray ?? []).OfType<JsonObject>()
                    .SelectMany(s => (s["endpoints"] as JsonArray ?? []).OfType<JsonObject>()).ToList();
                if (done(endpoints)) return endpoints;
            }
            await Task.Delay(50);
        } while (clock.Elapsed < Deadlines.Event);
        throw new XunitException($"the slices of {service} never reached the expected state.\n{last.Describe()}");
    }

    private static string? Condition(JsonObject pod, string type) =>
        (pod["status"]?["conditions"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(c => (string?)c["type"] == type)?["status"]?.GetValue<string>();
}
