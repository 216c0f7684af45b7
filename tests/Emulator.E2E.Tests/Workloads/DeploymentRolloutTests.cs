using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Emulator.E2E.Tests.Harness;
using Xunit.Sdk;

namespace Emulator.E2E.Tests.Workloads;

/// <summary>
/// The seed chapter's workload path with real kubectl: a Deployment becomes a ReplicaSet and pods that the scheduler
/// spreads over the simulated nodes and the kubelet starts as image emulations answering on their pod IPs.
/// </summary>
[Collection(SharedEmulatorCollection.Name)]
public sealed class DeploymentRolloutTests(EmulatorFixture fixture)
{
    private static readonly TimeSpan Rollout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Ten_httpenv_replicas_roll_out_spread_over_three_nodes_and_answer_with_their_pod_name()
    {
        var ns = await fixture.CreateNamespaceAsync("httpenv");
        var kubectl = fixture.Kubectl;

        (await kubectl.RunAsync("create", "deployment", "httpenv", "--image=jpetazzo/httpenv", "--replicas=10", "-n", ns)).Succeeds()
            .PrintsExactly("deployment.apps/httpenv created\n");
        (await kubectl.RunAsync(["rollout", "status", "deploy/httpenv", "-n", ns], null, Rollout)).Succeeds()
            .PrintsLine("^deployment \"httpenv\" successfully rolled out$");
        (await kubectl.RunAsync(["wait", "--for", "condition=available", "deploy/httpenv", "-n", ns, "--timeout=60s"], null, Rollout)).Succeeds()
            .PrintsExactly("deployment.apps/httpenv condition met\n");

        var wide = (await kubectl.RunAsync("get", "pods", "-o", "wide", "-n", ns)).Succeeds()
            .PrintsHeader(@"^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES$");
        var rows = wide.StdoutLines.Skip(1).Where(l => l.Length > 0)
            .Select(l => Regex.Match(l, @"^(httpenv-[bcdfghjklmnpqrstvwxz2456789]{1,10}-[bcdfghjklmnpqrstvwxz2456789]{5})\s+1/1\s+Running\s+0\s+\S+\s+(127\.244\.\d+\.\d+)\s+(node-\d)\s+<none>\s+<none>$"))
            .ToList();
        Assert.True(rows.Count == 10 && rows.All(m => m.Success), wide.Describe());
        Assert.Equal(3, rows.Select(m => m.Groups[3].Value).Distinct().Count());
        Assert.Equal(10, rows.Select(m => m.Groups[2].Value).Distinct().Count());

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        foreach (var row in rows)
        {
            var body = await http.GetStringAsync($"http://{row.Groups[2].Value}:8888/");
            var env = JsonNode.Parse(body) ?? throw new XunitException(body);
            Assert.Equal(row.Groups[1].Value, (string?)env["HOSTNAME"]);
            Assert.False(string.IsNullOrEmpty((string?)env["KUBERNETES_SERVICE_HOST"]), body);
        }

        var rs = (await kubectl.RunAsync("get", "rs", "-n", ns)).Succeeds();
        rs.PrintsLine(@"^httpenv-[bcdfghjklmnpqrstvwxz2456789]{1,10}\s+10\s+10\s+10\s+\S+$");
        (await kubectl.RunAsync("get", "deploy", "httpenv", "-n", ns)).Succeeds().PrintsLine(@"^httpenv\s+10/10\s+10\s+10\s+\S+$");
        (await kubectl.RunAsync("describe", "deploy", "httpenv", "-n", ns)).Succeeds()
            .PrintsLine(@"^\s+Available\s+True\s+MinimumReplicasAvailable$")
            .PrintsLine(@"^\s+Progressing\s+True\s+NewReplicaSetAvailable$")
            .PrintsLine(@"Normal\s+ScalingReplicaSet\s+\S+\s+deployment-controller\s+Scaled up replica set httpenv-\w+ from 0 to 10$");
    }

    [Fact]
    public async Task Get_pods_watch_shows_pending_then_container_creating_then_running()
    {
        var ns = await fixture.CreateNamespaceAsync("podwatch");
        // kubectl get -w prints nothing for an empty list; a first pod's line proves the watch is open.
        (await fixture.Kubectl.RunAsync("run", "sentinel", "--image=busybox", "-n", ns)).Succeeds();
        await using var watch = fixture.Kubectl.Start("get", "pods", "-w", "-n", ns);
        await watch.WaitForStdoutLineAsync(@"^sentinel\s", Deadlines.Event);

        (await fixture.Kubectl.RunAsync("create", "deployment", "web", "--image=jpetazzo/httpenv", "-n", ns)).Succeeds();

        await watch.WaitForStdoutLineAsync(@"^web-\S+\s+0/1\s+Pending\s+0\s+", Deadlines.Event);
        await watch.WaitForStdoutLineAsync(@"^web-\S+\s+0/1\s+ContainerCreating\s+0\s+", Deadlines.Event);
        await watch.WaitForStdoutLineAsync(@"^web-\S+\s+1/1\s+Running\s+0\s+", Deadlines.Event);
    }

    [Fact]
    public async Task Scaling_down_by_patch_leaves_three_pods_and_deleting_the_deployment_removes_its_replica_set_and_pods()
    {
        var ns = await fixture.CreateNamespaceAsync("scale");
        var kubectl = fixture.Kubectl;
        (await kubectl.RunAsync("create", "deployment", "web", "--image=jpetazzo/httpenv", "--replicas=6", "-n", ns)).Succeeds();
        (await kubectl.RunAsync(["rollout", "status", "deploy/web", "-n", ns], null, Rollout)).Succeeds();

        (await kubectl.RunAsync("patch", "deploy", "web", "--type=merge", "-p", """{"spec":{"replicas":3}}""", "-n", ns)).Succeeds();
        (await kubectl.RunAsync(["rollout", "status", "deploy/web", "-n", ns], null, Rollout)).Succeeds();
        await PollAsync(async () => (await kubectl.RunAsync("get", "pods", "-n", ns, "--no-headers")).Succeeds().StdoutLines.Count(l => l.Length > 0) == 3,
            "three pods left after scaling down");
        (await kubectl.RunAsync("get", "events", "-n", ns, "--field-selector", "reason=SuccessfulDelete")).Succeeds()
            .PrintsLine(@"replicaset/web-\S+\s+Deleted pod: web-");

        (await kubectl.RunAsync("delete", "deployment", "web", "-n", ns)).Succeeds();
        await PollAsync(async () =>
        {
            var left = (await kubectl.RunAsync("get", "rs,pods", "-n", ns, "--no-headers")).Succeeds();
            return left.StdoutLines.All(l => l.Length == 0);
        }, "replica sets and pods garbage-collected");
    }

    [Fact]
    public async Task Get_nodes_wide_lists_three_ready_nodes_with_their_internal_ips_and_kubelet_version()
    {
        var nodes = (await fixture.Kubectl.RunAsync("get", "nodes", "-o", "wide")).Succeeds()
            .PrintsHeader(@"^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\s+INTERNAL-IP\s+EXTERNAL-IP\s+OS-IMAGE\s+KERNEL-VERSION\s+CONTAINER-RUNTIME$");
        for (var i = 1; i <= 3; i++)
            nodes.PrintsLine($@"^node-{i}\s+Ready\s+<none>\s+\S+\s+v1\.35\.2\s+127\.18\.0\.{i + 1}\s+<none>\s+Debian GNU/Linux 12 \(bookworm\)\s+\S+\s+containerd://\S+$");
        (await fixture.Kubectl.RunAsync("get", "leases", "-n", "kube-node-lease")).Succeeds().PrintsLine(@"^node-1\s+node-1\s+");
    }

    [Fact]
    public async Task Logs_of_an_httpenv_pod_show_what_it_printed_at_start()
    {
        var ns = await fixture.CreateNamespaceAsync("logs");
        (await fixture.Kubectl.RunAsync("run", "env", "--image=jpetazzo/httpenv", "-n", ns)).Succeeds().PrintsExactly("pod/env created\n");
        (await fixture.Kubectl.RunAsync(["wait", "--for=condition=Ready", "pod/env", "-n", ns, "--timeout=60s"], null, Rollout)).Succeeds();

        (await fixture.Kubectl.RunAsync("logs", "env", "-n", ns)).Succeeds().PrintsExactly("Starting httpenv listening on port 8888.\n");
        (await fixture.Kubectl.RunAsync("logs", "env", "-n", ns, "--previous")).FailsWith(1)
            .PrintsErrorLine("previous terminated container \"env\" in pod \"env\" not found");
    }

    [Fact]
    public async Task A_pod_no_node_fits_stays_pending_with_a_failed_scheduling_event()
    {
        var ns = await fixture.CreateNamespaceAsync("unschedulable");
        (await fixture.Kubectl.RunAsync("run", "stuck", "--image=nginx", "-n", ns, "--overrides",
            """{"apiVersion":"v1","spec":{"nodeSelector":{"disk":"ssd"}}}""")).Succeeds();

        await PollAsync(async () => (await fixture.Kubectl.RunAsync("get", "events", "-n", ns, "--field-selector", "reason=FailedScheduling")).Stdout
            .Contains("node(s) didn't match Pod's node affinity/selector.", StringComparison.Ordinal), "FailedScheduling event");
        // The node count is not asserted: other tests sharing this emulator register nodes of their own.
        (await fixture.Kubectl.RunAsync("get", "pod", "stuck", "-n", ns)).Succeeds().PrintsLine(@"^stuck\s+0/1\s+Pending\s+0\s+");
    }

    [Fact]
    public async Task Deleting_a_running_pod_shows_terminating_then_removes_it()
    {
        var ns = await fixture.CreateNamespaceAsync("delpod");
        (await fixture.Kubectl.RunAsync("run", "victim", "--image=jpetazzo/httpenv", "-n", ns)).Succeeds();
        (await fixture.Kubectl.RunAsync(["wait", "--for=condition=Ready", "pod/victim", "-n", ns, "--timeout=60s"], null, Rollout)).Succeeds();
        await using var watch = fixture.Kubectl.Start("get", "pods", "-w", "-n", ns, "--output-watch-events");
        // Delete only once the watch has listed the running pod, or the listing itself may already show Terminating.
        await watch.WaitForStdoutLineAsync(@"^ADDED\s+victim\s+1/1\s+Running\s+", Deadlines.Event);

        (await fixture.Kubectl.RunAsync(["delete", "pod", "victim", "-n", ns], null, Rollout)).Succeeds()
            .PrintsLine("^pod \"victim\" deleted");

        await watch.WaitForStdoutLineAsync(@"^MODIFIED\s+victim\s+\d/1\s+Terminating\s+", Deadlines.Event);
        await watch.WaitForStdoutLineAsync(@"^DELETED\s+victim\s+", Deadlines.Event);
    }

    [Fact]
    public async Task A_pod_whose_readiness_probe_fails_runs_unready_while_a_passing_probe_makes_it_ready()
    {
        var ns = await fixture.CreateNamespaceAsync("probes");
        (await fixture.Kubectl.CreateFromManifestAsync(ProbedPod("good", 8888) + "---\n" + ProbedPod("bad", 9999), "-n", ns)).Succeeds();

        (await fixture.Kubectl.RunAsync(["wait", "--for=condition=Ready", "pod/good", "-n", ns, "--timeout=60s"], null, Rollout)).Succeeds();
        await PollAsync(async () => Regex.IsMatch((await fixture.Kubectl.RunAsync("get", "pod", "bad", "-n", ns, "--no-headers")).Stdout, @"^bad\s+0/1\s+Running\s", RegexOptions.Multiline),
            "bad pod Running 0/1");
        (await fixture.Kubectl.RunAsync("get", "pods", "-n", ns)).Succeeds()
            .PrintsLine(@"^bad\s+0/1\s+Running\s+0\s+")
            .PrintsLine(@"^good\s+1/1\s+Running\s+0\s+");
    }

    [Fact]
    public async Task Set_image_rolls_out_a_new_replica_set_and_undo_returns_to_the_first()
    {
        var ns = await fixture.CreateNamespaceAsync("rollout");
        var kubectl = fixture.Kubectl;
        (await kubectl.RunAsync("create", "deployment", "web", "--image=nginx:1.27", "--replicas=4", "-n", ns)).Succeeds();
        (await kubectl.RunAsync(["rollout", "status", "deploy/web", "-n", ns], null, Rollout)).Succeeds();
        var first = (await kubectl.RunAsync("get", "rs", "-n", ns, "-o", "jsonpath={.items[0].metadata.name}")).Succeeds().Stdout;

        (await kubectl.RunAsync("set", "image", "deploy/web", "nginx=nginx:1.28", "-n", ns)).Succeeds();
        (await kubectl.RunAsync(["rollout", "status", "deploy/web", "-n", ns], null, Rollout)).Succeeds()
            .PrintsLine("^deployment \"web\" successfully rolled out$");
        (await kubectl.RunAsync("get", "rs", "-n", ns)).Succeeds()
            .PrintsLine($@"^{first}\s+0\s+0\s+0\s+")
            .PrintsLine(@"^web-\w+\s+4\s+4\s+4\s+");

        (await kubectl.RunAsync("rollout", "undo", "deploy/web", "-n", ns)).Succeeds();
        (await kubectl.RunAsync(["rollout", "status", "deploy/web", "-n", ns], null, Rollout)).Succeeds();
        (await kubectl.RunAsync("get", "rs", first, "-n", ns)).Succeeds().PrintsLine($@"^{first}\s+4\s+4\s+4\s+");
        (await kubectl.RunAsync("get", "deploy", "web", "-n", ns, "-o", "jsonpath={.metadata.annotations.deployment\\.kubernetes\\.io/revision}")).Succeeds()
            .PrintsExactly("3");
    }

    [Fact]
    public async Task Orphan_deletion_keeps_the_replica_set_and_foreground_deletion_removes_it_first()
    {
        var ns = await fixture.CreateNamespaceAsync("cascade");
        var kubectl = fixture.Kubectl;
        (await kubectl.RunAsync("create", "deployment", "kept", "--image=nginx", "--replicas=2", "-n", ns)).Succeeds();
        (await kubectl.RunAsync("create", "deployment", "gone", "--image=nginx", "--replicas=2", "-n", ns)).Succeeds();
        (await kubectl.RunAsync(["rollout", "status", "deploy/kept", "-n", ns], null, Rollout)).Succeeds();
        (await kubectl.RunAsync(["rollout", "status", "deploy/gone", "-n", ns], null, Rollout)).Succeeds();

        (await kubectl.RunAsync(["delete", "deploy", "kept", "--cascade=orphan", "-n", ns], null, Rollout)).Succeeds();
        (await kubectl.RunAsync(["delete", "deploy", "gone", "--cascade=foreground", "-n", ns], null, Rollout)).Succeeds();

        var left = (await kubectl.RunAsync("get", "rs,pods", "-n", ns, "--no-headers")).Succeeds();
        left.PrintsLine(@"^replicaset\.apps/kept-\w+\s+2\s+2\s+2\s+").DoesNotPrintLine(@"gone-");
        Assert.Equal(2, left.StdoutLines.Count(l => l.StartsWith("pod/kept-", StringComparison.Ordinal)));
        var owners = (await kubectl.RunAsync("get", "rs", "-n", ns, "-o", "jsonpath={.items[0].metadata.ownerReferences}")).Succeeds();
        Assert.Equal("", owners.Stdout);
    }

    private static string ProbedPod(string name, int port) => $"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: {name}
        spec:
          containers:
          - name: web
            image: jpetazzo/httpenv
            readinessProbe:
              httpGet:
                path: /
                port: {port}
              periodSeconds: 1

        """;

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
