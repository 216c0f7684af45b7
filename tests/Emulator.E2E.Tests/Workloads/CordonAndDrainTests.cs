using System.Net;
using System.Text.RegularExpressions;
using Emulator.E2E.Tests.Harness;
using Xunit.Sdk;

namespace Emulator.E2E.Tests.Workloads;

/// <summary>An emulator of its own for tests that cordon and drain nodes, which would disturb tests sharing one.</summary>
public sealed class NodeMaintenanceEmulator : IAsyncLifetime
{
    private EmulatorProcess? emulator;

    public EmulatorProcess Emulator => emulator ?? throw new InvalidOperationException("The emulator has not started.");

    public async Task InitializeAsync() => emulator = await EmulatorProcess.StartAsync();

    public async Task DisposeAsync()
    {
        if (emulator is not null) await emulator.DisposeAsync();
    }
}

/// <summary>
/// kubectl cordon/uncordon/drain against the scheduler, the pods/eviction subresource and a PodDisruptionBudget kept
/// by the disruption controller, asserting on what kubectl prints.
/// </summary>
[Collection(RestartCollection.Name)]
public sealed class CordonAndDrainTests(NodeMaintenanceEmulator own) : IClassFixture<NodeMaintenanceEmulator>
{
    private static readonly TimeSpan Rollout = TimeSpan.FromSeconds(90);
    private Kubectl Kubectl => own.Emulator.Kubectl;

    [Fact]
    public async Task A_pod_stays_pending_while_every_node_is_cordoned_and_runs_once_one_is_uncordoned()
    {
        var ns = Names.Namespace("cordon");
        await own.Emulator.Api.CreateNamespaceAsync(ns);
        for (var i = 1; i <= 3; i++)
            (await Kubectl.RunAsync("cordon", $"node-{i}")).Succeeds().PrintsExactly($"node/node-{i} cordoned\n");
        (await Kubectl.RunAsync("get", "nodes")).Succeeds().PrintsLine(@"^node-2\s+Ready,SchedulingDisabled\s+<none>\s+");

        (await Kubectl.RunAsync("run", "waiting", "--image=nginx", "-n", ns)).Succeeds();
        await PollAsync(async () => (await Kubectl.RunAsync("get", "events", "-n", ns, "--field-selector", "reason=FailedScheduling")).Stdout.Contains("pod/waiting", StringComparison.Ordinal),
            "FailedScheduling event");
        (await Kubectl.RunAsync("get", "events", "-n", ns, "--field-selector", "reason=FailedScheduling")).Succeeds()
            .PrintsLine(@"\s+Warning\s+FailedScheduling\s+pod/waiting\s+0/3 nodes are available: 3 node\(s\) were unschedulable\. " +
                @"no new claims to deallocate, preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling\.$");
        (await Kubectl.RunAsync("get", "pod", "waiting", "-n", ns)).Succeeds().PrintsLine(@"^waiting\s+0/1\s+Pending\s+0\s+");
        (await Kubectl.RunAsync("describe", "pod", "waiting", "-n", ns)).Succeeds().PrintsLine(@"^\s+PodScheduled\s+False\s*$");

        (await Kubectl.RunAsync("uncordon", "node-2")).Succeeds().PrintsExactly("node/node-2 uncordoned\n");
        (await Kubectl.RunAsync(["wait", "--for=condition=Ready", "pod/waiting", "-n", ns, "--timeout=60s"], null, Rollout)).Succeeds();
        (await Kubectl.RunAsync("get", "pod", "waiting", "-n", ns, "-o", "wide")).Succeeds().PrintsLine(@"^waiting\s+1/1\s+Running\s+0\s+\S+\s+\S+\s+node-2\s+");
        (await Kubectl.RunAsync("uncordon", "node-1", "node-3")).Succeeds().PrintsExactly("node/node-1 uncordoned\nnode/node-3 uncordoned\n");
    }

    [Fact]
    public async Task Drain_evicts_within_the_disruption_budget_and_the_replica_set_recreates_the_pods_elsewhere()
    {
        var ns = Names.Namespace("drain");
        await own.Emulator.Api.CreateNamespaceAsync(ns);
        (await Kubectl.RunAsync("create", "deployment", "web", "--image=nginx", "--replicas=6", "-n", ns)).Succeeds();
        (await Kubectl.RunAsync(["rollout", "status", "deploy/web", "-n", ns], null, Rollout)).Succeeds();
        (await Kubectl.RunAsync("create", "pdb", "web", "--selector=app=web", "--min-available=5", "-n", ns)).Succeeds()
            .PrintsExactly("poddisruptionbudget.policy/web created\n");
        await PollAsync(async () => Regex.IsMatch((await Kubectl.RunAsync("get", "pdb", "web", "-n", ns)).Stdout, @"^web\s+5\s+N/A\s+1\s+\S+$", RegexOptions.Multiline),
            "budget allowing one disruption");
        (await Kubectl.RunAsync("get", "pdb", "-n", ns)).Succeeds().PrintsHeader(@"^NAME\s+MIN AVAILABLE\s+MAX UNAVAILABLE\s+ALLOWED DISRUPTIONS\s+AGE$");
        (await Kubectl.RunAsync("get", "pdb", "web", "-n", ns, "-o", "jsonpath={.status.currentHealthy}/{.status.desiredHealthy}/{.status.expectedPods}/{.status.conditions[0].reason}")).Succeeds()
            .PrintsExactly("6/5/6/SufficientPods");
        var onNode1 = await PodsOn(ns, "node-1");
        Assert.NotEmpty(onNode1);

        // More pods on the node than the budget allows at once: drain retries the refused evictions until replacements are ready.
        var drain = (await Kubectl.RunAsync(["drain", "node-1", "--ignore-daemonsets", "--delete-emptydir-data", "--timeout=120s"], null, TimeSpan.FromSeconds(150))).Succeeds()
            .PrintsLine("^node/node-1 cordoned$").PrintsLine("^node/node-1 drained$");
        foreach (var pod in onNode1)
            drain.PrintsLine($"^evicting pod {ns}/{pod}$").PrintsLine($"^pod/{pod} evicted$");
        (await Kubectl.RunAsync(["rollout", "status", "deploy/web", "-n", ns], null, Rollout)).Succeeds();
        Assert.Empty(await PodsOn(ns, "node-1"));
        var pods = (await Kubectl.RunAsync("get", "pods", "-n", ns, "--no-headers")).Succeeds();
        Assert.Equal(6, pods.StdoutLines.Count(l => Regex.IsMatch(l, @"^web-\S+\s+1/1\s+Running\s+")));
        (await Kubectl.RunAsync("get", "events", "-n", ns, "--field-selector", "reason=SuccessfulCreate")).Succeeds()
            .PrintsLine(@"replicaset/web-\S+\s+Created pod: web-");

        // A budget that allows nothing: the eviction is refused with 429 and drain gives up at its timeout.
        (await Kubectl.RunAsync("patch", "pdb", "web", "--type=merge", "-p", """{"spec":{"minAvailable":6}}""", "-n", ns)).Succeeds();
        await PollAsync(async () => Regex.IsMatch((await Kubectl.RunAsync("get", "pdb", "web", "-n", ns)).Stdout, @"^web\s+6\s+N/A\s+0\s+\S+$", RegexOptions.Multiline),
            "budget allowing no disruption");
        var victim = (await PodsOn(ns, "node-2")).First();
        var refused = (await own.Emulator.Api.PostAsync($"/api/v1/namespaces/{ns}/pods/{victim}/eviction",
            $$$"""{"apiVersion":"policy/v1","kind":"Eviction","metadata":{"name":"{{{victim}}}","namespace":"{{{ns}}}"}}""")).HasStatus(HttpStatusCode.TooManyRequests);
        var status = refused.Json();
        Assert.Equal("TooManyRequests", (string?)status["reason"]);
        Assert.Equal("Cannot evict pod as it would violate the pod's disruption budget.", (string?)status["message"]);
        Assert.Equal("DisruptionBudget", (string?)status["details"]!["causes"]![0]!["reason"]);
        Assert.Equal("The disruption budget web needs 6 healthy pods and has 6 currently", (string?)status["details"]!["causes"]![0]!["message"]);

        (await Kubectl.RunAsync(["drain", "node-2", "--ignore-daemonsets", "--delete-emptydir-data", "--timeout=12s"], null, Rollout)).FailsWith(1)
            .PrintsLine("^node/node-2 cordoned$")
            .PrintsErrorLine($"^error when evicting pods/\"{victim}\" -n \"{ns}\" \\(will retry after 5s\\): Cannot evict pod as it would violate the pod's disruption budget\\.$")
            .PrintsErrorLine("global timeout reached: 12s");
        Assert.Contains(victim, await PodsOn(ns, "node-2"));
        (await Kubectl.RunAsync("uncordon", "node-1", "node-2")).Succeeds();
    }

    private async Task<List<string>> PodsOn(string ns, string node) =>
        [.. (await Kubectl.RunAsync("get", "pods", "-n", ns, "--field-selector", $"spec.nodeName={node}", "-o", "jsonpath={range .items[*]}{.metadata.name}{\"\\n\"}{end}"))
            .Succeeds().StdoutLines.Where(l => l.Length > 0)];

    private static async Task PollAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Rollout;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition()) return;
            await Task.Delay(200);
        }
        throw new XunitException($"Timed out waiting for: {what}");
    }
}
