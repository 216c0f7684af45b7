using Emulator.E2E.Tests.Harness;

namespace Emulator.E2E.Tests.Kubelet;

/// <summary>
/// spec.initContainers run to completion one after the other before the app containers start, and kubectl shows it
/// as the real printer does (Init:0/2, Init:1/2, Init:Error, Init:CrashLoopBackOff); sidecars (init containers with
/// restartPolicy Always) keep running beside the app and do not hold a Job-like pod from completing.
/// </summary>
[Collection(SharedEmulatorCollection.Name)]
public sealed class InitContainerTests(EmulatorFixture fixture)
{
    private static string Pod(string name, string restartPolicy, string initContainers, string containers) => $$"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: {{name}}
        spec:
          restartPolicy: {{restartPolicy}}
          initContainers:
        {{initContainers}}
          containers:
        {{containers}}
        """;

    private static string Container(string name, string script, string extra = "") => $$"""
          - name: {{name}}
            image: busybox
            command: ["sh", "-c", "{{script}}"]
        {{extra}}
        """;

    private async Task ApplyAsync(string ns, string manifest) =>
        (await fixture.Kubectl.RunAsync(["apply", "-n", ns, "-f", "-"], manifest)).Succeeds();

    [Fact]
    public async Task Two_init_containers_run_in_order_then_the_app_starts_and_each_log_is_kept()
    {
        var ns = await fixture.CreateNamespaceAsync("init");
        var kubectl = fixture.Kubectl;
        await ApplyAsync(ns, Pod("ordered", "Always",
            Container("first", "echo first ran; sleep 4") + Container("second", "echo second ran; sleep 4"),
            Container("app", "echo app ran; sleep 3600")));
        await kubectl.UntilAsync(@"^ordered\s+0/1\s+Init:0/2\s+0\s+\S+$", "get", "pod", "ordered", "-n", ns);
        (await kubectl.RunAsync("get", "pod", "ordered", "-n", ns, "-o", "jsonpath={.status.phase} {.status.conditions[?(@.type==\"Initialized\")].message}"))
            .Succeeds().PrintsExactly("Pending containers with incomplete status: [first second]");
        await kubectl.UntilAsync(@"^ordered\s+0/1\s+Init:1/2\s+0\s+\S+$", "get", "pod", "ordered", "-n", ns);
        await kubectl.UntilAsync(@"^ordered\s+1/1\s+Running\s+0\s+\S+$", "get", "pod", "ordered", "-n", ns);
        (await kubectl.RunAsync("get", "pod", "ordered", "-n", ns, "-o",
                "jsonpath={range .status.initContainerStatuses[*]}{.name}={.state.terminated.reason}/{.state.terminated.exitCode}/{.ready} {end}"))
            .Succeeds().PrintsExactly("first=Completed/0/true second=Completed/0/true ");
        (await kubectl.RunAsync("logs", "ordered", "-n", ns, "-c", "first")).Succeeds().PrintsExactly("first ran\n");
        (await kubectl.RunAsync("logs", "ordered", "-n", ns, "-c", "second")).Succeeds().PrintsExactly("second ran\n");
        (await kubectl.RunAsync("logs", "ordered", "-n", ns)).Succeeds().PrintsExactly("app ran\n");
        var first = (await kubectl.RunAsync("get", "pod", "ordered", "-n", ns, "-o", "jsonpath={.status.initContainerStatuses[1].state.terminated.startedAt}")).Succeeds().Stdout;
        var after = (await kubectl.RunAsync("get", "pod", "ordered", "-n", ns, "-o", "jsonpath={.status.initContainerStatuses[0].state.terminated.finishedAt}")).Succeeds().Stdout;
        Assert.True(string.CompareOrdinal(after, first) <= 0, $"second started {first} before first finished {after}");
    }

    [Fact]
    public async Task A_failing_init_container_fails_a_never_pod_and_crash_loops_an_always_pod()
    {
        var ns = await fixture.CreateNamespaceAsync("initfail");
        var kubectl = fixture.Kubectl;
        await ApplyAsync(ns, Pod("never", "Never", Container("check", "echo checking; exit 3"), Container("app", "echo never runs")));
        await kubectl.UntilAsync(@"^never\s+0/1\s+Init:Error\s+0\s+\S+$", "get", "pod", "never", "-n", ns);
        (await kubectl.RunAsync("get", "pod", "never", "-n", ns, "-o",
                "jsonpath={.status.phase} {.status.initContainerStatuses[0].state.terminated.exitCode} {.status.containerStatuses[0].state.waiting.reason}"))
            .Succeeds().PrintsExactly("Failed 3 PodInitializing");
        (await kubectl.RunAsync("logs", "never", "-n", ns, "-c", "check")).Succeeds().PrintsExactly("checking\n");

        await ApplyAsync(ns, Pod("always", "Always", Container("check", "exit 1"), Container("app", "sleep 3600")));
        await kubectl.UntilAsync(@"^always\s+0/1\s+Init:CrashLoopBackOff\s+[1-9]\d* \(\S+ ago\)\s+\S+$", "get", "pod", "always", "-n", ns);
        (await kubectl.RunAsync("get", "pod", "always", "-n", ns, "-o", "jsonpath={.status.phase}")).Succeeds().PrintsExactly("Pending");
    }

    [Fact]
    public async Task The_docs_init_container_waits_for_a_service_with_nslookup_and_the_app_starts_once_it_exists()
    {
        var ns = await fixture.CreateNamespaceAsync("initsvc");
        var kubectl = fixture.Kubectl;
        await ApplyAsync(ns, Pod("myapp", "Always",
            Container("init-myservice", $"until nslookup myservice.{ns}.svc.cluster.local; do echo waiting for myservice; sleep 1; done"),
            Container("myapp-container", "echo The app is running! && sleep 3600")));
        await kubectl.UntilAsync("^waiting for myservice$", "logs", "myapp", "-n", ns, "-c", "init-myservice");
        (await kubectl.RunAsync("get", "pod", "myapp", "-n", ns)).Succeeds().PrintsLine(@"^myapp\s+0/1\s+Init:0/1\s+0\s+\S+$");
        (await kubectl.RunAsync("create", "service", "clusterip", "myservice", "--tcp=80:9376", "-n", ns)).Succeeds();
        await kubectl.UntilAsync(@"^myapp\s+1/1\s+Running\s+0\s+\S+$", "get", "pod", "myapp", "-n", ns);
        (await kubectl.RunAsync("logs", "myapp", "-n", ns)).Succeeds().PrintsExactly("The app is running!\n");
        (await kubectl.RunAsync("logs", "myapp", "-n", ns, "-c", "init-myservice")).Succeeds()
            .PrintsLine($@"^Name:\tmyservice\.{ns}\.svc\.cluster\.local$");
    }

    [Fact]
    public async Task A_sidecar_runs_beside_the_app_and_a_never_pod_completes_when_its_app_container_ends()
    {
        var ns = await fixture.CreateNamespaceAsync("sidecar");
        var kubectl = fixture.Kubectl;
        await ApplyAsync(ns, Pod("job", "Never",
            Container("shipper", "while true; do echo shipping; sleep 1; done", "    restartPolicy: Always"),
            Container("main", "echo working; sleep 5; echo done")));
        await kubectl.UntilAsync(@"^job\s+2/2\s+Running\s+0\s+\S+$", "get", "pod", "job", "-n", ns);
        await kubectl.UntilAsync(@"^job\s+0/2\s+Completed\s+0\s+\S+$", "get", "pod", "job", "-n", ns);
        (await kubectl.RunAsync("get", "pod", "job", "-n", ns, "-o",
                "jsonpath={.status.phase} {.status.containerStatuses[0].state.terminated.reason} {.status.initContainerStatuses[0].state.terminated.exitCode}"))
            .Succeeds().PrintsExactly("Succeeded Completed 137");
        (await kubectl.RunAsync("logs", "job", "-n", ns, "-c", "shipper")).Succeeds().PrintsLine("^shipping$");
        (await kubectl.RunAsync("logs", "job", "-n", ns, "-c", "main")).Succeeds().PrintsExactly("working\ndone\n");
    }
}
