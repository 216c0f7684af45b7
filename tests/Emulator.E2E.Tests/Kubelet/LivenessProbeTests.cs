using Emulator.E2E.Tests.Harness;

namespace Emulator.E2E.Tests.Kubelet;

/// <summary>
/// Liveness probes really run against the emulated container; a failing one makes the kubelet kill and restart the
/// container with the real events, restartCount, lastState.terminated and the crash-loop back-off.
/// </summary>
[Collection(SharedEmulatorCollection.Name)]
public sealed class LivenessProbeTests(EmulatorFixture fixture)
{
    private static string Pod(string name, string image, string probe, string field = "livenessProbe") =>
        "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\""
        + image + "\",\"" + field + "\":" + probe + "}]}}";

    [Fact]
    public async Task An_http_liveness_probe_answered_404_restarts_the_container_with_the_real_events_and_last_state()
    {
        var ns = await fixture.CreateNamespaceAsync("liveness");
        var kubectl = fixture.Kubectl;
        (await kubectl.CreateFromManifestAsync(Pod("web", "nginx",
            """{"httpGet":{"path":"/healthz","port":80},"periodSeconds":1,"failureThreshold":2}"""), "-n", ns)).Succeeds();

        await kubectl.UntilAsync(@"^[1-9]\d*$", "get", "pod", "web", "-n", ns, "-o", "jsonpath={.status.containerStatuses[0].restartCount}");
        var events = await kubectl.UntilAsync("Killing", "get", "events", "-n", ns, "--field-selector", "involvedObject.name=web");
        events.PrintsLine(@"Warning\s+Unhealthy\s+pod/web\s+Liveness probe failed: HTTP probe failed with statuscode: 404$")
            .PrintsLine(@"Normal\s+Killing\s+pod/web\s+Container app failed liveness probe, will be restarted$");

        // nginx exits 0 on SIGTERM: the previous instance ended Completed, and a new one runs on the same pod IP.
        (await kubectl.RunAsync("get", "pod", "web", "-n", ns, "-o",
                "jsonpath={.status.containerStatuses[0].lastState.terminated.exitCode} {.status.containerStatuses[0].lastState.terminated.reason}"))
            .Succeeds().PrintsExactly("0 Completed");
        (await kubectl.RunAsync("describe", "pod", "web", "-n", ns)).Succeeds()
            .PrintsLine(@"^\s+Liveness:\s+http-get http://:80/healthz delay=0s timeout=1s period=1s #success=1 #failure=2$")
            .PrintsLine(@"^\s+Last State:\s+Terminated$")
            .PrintsLine(@"^\s+Restart Count:\s+[1-9]\d*$");

        // Killed again and again, it backs off: the watch shows CrashLoopBackOff.
        await kubectl.UntilAsync(@"^web\s+0/1\s+CrashLoopBackOff\s+[1-9]\d* \(\S+ ago\)\s+\S+$", "get", "pod", "web", "-n", ns);
        (await kubectl.RunAsync("get", "events", "-n", ns, "--field-selector", "involvedObject.name=web")).Succeeds()
            .PrintsLine(@"Warning\s+BackOff\s+pod/web\s+Back-off restarting failed container app in pod web_" + ns + @"\([0-9a-f-]{36}\)$");
    }

    [Fact]
    public async Task A_tcp_liveness_probe_on_a_closed_port_reports_the_dial_error_and_a_passing_probe_keeps_the_container()
    {
        var ns = await fixture.CreateNamespaceAsync("livetcp");
        var kubectl = fixture.Kubectl;
        (await kubectl.CreateFromManifestAsync(Pod("closed", "jpetazzo/httpenv",
            """{"tcpSocket":{"port":9999},"periodSeconds":1,"failureThreshold":1}"""), "-n", ns)).Succeeds();
        (await kubectl.CreateFromManifestAsync(Pod("open", "jpetazzo/httpenv",
            """{"tcpSocket":{"port":8888},"periodSeconds":1,"failureThreshold":1}"""), "-n", ns)).Succeeds();

        var ip = await kubectl.PodIpAsync(ns, "closed");
        var events = await kubectl.UntilAsync("Killing", "get", "events", "-n", ns, "--field-selector", "involvedObject.name=closed");
        events.PrintsLine(@"Warning\s+Unhealthy\s+pod/closed\s+Liveness probe failed: dial tcp " + ip.Replace(".", @"\.") + @":9999: connect: connection refused$");
        // httpenv is a Go server without a SIGTERM handler: it dies of the signal.
        await kubectl.UntilAsync("^143 Error$", "get", "pod", "closed", "-n", ns, "-o",
            "jsonpath={.status.containerStatuses[0].lastState.terminated.exitCode} {.status.containerStatuses[0].lastState.terminated.reason}");

        // The closed pod has been killed at least once by now; the open one, probed as often, never.
        await kubectl.UntilAsync(@"^[1-9]\d*$", "get", "pod", "closed", "-n", ns, "-o", "jsonpath={.status.containerStatuses[0].restartCount}");
        (await kubectl.RunAsync("get", "pod", "open", "-n", ns)).Succeeds().PrintsLine(@"^open\s+1/1\s+Running\s+0\s+\S+$");
        (await kubectl.RunAsync("get", "events", "-n", ns, "--field-selector", "involvedObject.name=open")).Succeeds()
            .DoesNotPrintLine("Unhealthy").DoesNotPrintLine("Killing");
    }

    [Fact]
    public async Task A_startup_probe_holds_readiness_until_it_passes_and_kills_the_container_when_it_never_does()
    {
        var ns = await fixture.CreateNamespaceAsync("startup");
        var kubectl = fixture.Kubectl;
        (await kubectl.CreateFromManifestAsync(Pod("never", "nginx",
            """{"httpGet":{"path":"/missing","port":80},"periodSeconds":1,"failureThreshold":2}""", "startupProbe"), "-n", ns)).Succeeds();
        var events = await kubectl.UntilAsync("Killing", "get", "events", "-n", ns, "--field-selector", "involvedObject.name=never");
        events.PrintsLine(@"Warning\s+Unhealthy\s+pod/never\s+Startup probe failed: HTTP probe failed with statuscode: 404$")
            .PrintsLine(@"Normal\s+Killing\s+pod/never\s+Container app failed startup probe, will be restarted$");

        (await kubectl.CreateFromManifestAsync(Pod("starts", "nginx", """{"httpGet":{"path":"/","port":80},"periodSeconds":1}""", "startupProbe"),
            "-n", ns)).Succeeds();
        await kubectl.UntilAsync("^true true$", "get", "pod", "starts", "-n", ns, "-o",
            "jsonpath={.status.containerStatuses[0].started} {.status.containerStatuses[0].ready}");
    }

    [Fact]
    public async Task The_liveness_exec_example_from_the_docs_fails_once_the_script_removes_its_file()
    {
        // https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/ (shortened)
        const string manifest = """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"liveness-exec"},
             "spec":{"containers":[{"name":"liveness","image":"registry.k8s.io/busybox",
               "args":["/bin/sh","-c","touch /tmp/healthy; sleep 3; rm -f /tmp/healthy; sleep 600"],
               "livenessProbe":{"exec":{"command":["cat","/tmp/healthy"]},"periodSeconds":1,"failureThreshold":2}}]}}
            """;
        var ns = await fixture.CreateNamespaceAsync("liveexec");
        var kubectl = fixture.Kubectl;
        (await kubectl.CreateFromManifestAsync(manifest, "-n", ns)).Succeeds();
        await kubectl.UntilAsync(@"^liveness-exec\s+1/1\s+Running\s+0\s", "get", "pod", "liveness-exec", "-n", ns);
        var events = await kubectl.UntilAsync("Killing", "get", "events", "-n", ns, "--field-selector", "involvedObject.name=liveness-exec");
        events.PrintsLine(@"Warning\s+Unhealthy\s+pod/liveness-exec\s+Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory$")
            .PrintsLine(@"Normal\s+Killing\s+pod/liveness-exec\s+Container liveness failed liveness probe, will be restarted$");
        // The shell ignores SIGTERM as PID 1 and is killed: 137.
        await kubectl.UntilAsync("^137 Error$", "get", "pod", "liveness-exec", "-n", ns, "-o",
            "jsonpath={.status.containerStatuses[0].lastState.terminated.exitCode} {.status.containerStatuses[0].lastState.terminated.reason}");
    }
}
