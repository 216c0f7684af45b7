using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Emulator.E2E.Tests.Harness;
using Emulator.E2E.Tests.Proxy;

namespace Emulator.E2E.Tests.DaemonSets;

/// <summary>
/// kubectl set image / rollout status / rollout history / rollout undo on a DaemonSet, which kubectl implements over
/// ControllerRevisions and their "$patch: replace" template patches; node selection by labels and taints; a Service
/// in front of daemon pods.
/// </summary>
[Collection(RestartCollection.Name)]
public sealed class DaemonSetRolloutTests(DaemonSetEmulator own) : IClassFixture<DaemonSetEmulator>
{
    private static readonly TimeSpan Rollout = TimeSpan.FromSeconds(120);
    private Kubectl Kubectl => own.Kubectl;

    [Fact]
    public async Task Set_image_rolls_out_node_by_node_and_undo_brings_back_revision_one_as_revision_three()
    {
        var ns = await own.CreateNamespaceAsync("ds-rollout");
        (await Kubectl.CreateFromManifestAsync(DaemonSetManifests.DaemonSet("web", "nginx:1.27"), "-n", ns)).Succeeds();
        // Until the pods are ready it prints "Waiting for daemon set ..." lines first.
        (await Kubectl.RunAsync(["rollout", "status", "ds/web", "-n", ns], null, Rollout)).Succeeds()
            .PrintsLine("^daemon set \"web\" successfully rolled out$");

        (await Kubectl.RunAsync("set", "image", "ds/web", "main=nginx:1.28", "-n", ns)).Succeeds().PrintsExactly("daemonset.apps/web image updated\n");
        var status = (await Kubectl.RunAsync(["rollout", "status", "ds/web", "-n", ns], null, Rollout)).Succeeds()
            .PrintsLine("^daemon set \"web\" successfully rolled out$");
        // maxUnavailable 1: the three nodes are replaced one after the other.
        status.PrintsLine(@"^Waiting for daemon set ""web"" rollout to finish: [012] out of 3 new pods have been updated\.\.\.$");
        Assert.Equal(["nginx:1.28", "nginx:1.28", "nginx:1.28"], await PodImagesAsync(ns));
        await Poll.UntilAsync(async () => (await Kubectl.RunAsync("get", "pods", "-n", ns, "--no-headers")).StdoutLines.Count(l => l.Length > 0) == 3,
            "old pods gone");

        (await Kubectl.RunAsync("rollout", "history", "ds/web", "-n", ns)).Succeeds()
            .PrintsExactly("daemonset.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n");
        (await Kubectl.RunAsync("rollout", "history", "ds/web", "--revision=1", "-n", ns)).Succeeds()
            .PrintsLine("^daemonset.apps/web with revision #1$")
            .PrintsLine(@"^\s+Image:\s+nginx:1\.27$");

        (await Kubectl.RunAsync("rollout", "undo", "ds/web", "-n", ns)).Succeeds().PrintsExactly("daemonset.apps/web rolled back\n");
        (await Kubectl.RunAsync(["rollout", "status", "ds/web", "-n", ns], null, Rollout)).Succeeds()
            .PrintsLine("^daemon set \"web\" successfully rolled out$");
        await Poll.UntilAsync(async () => (await PodImagesAsync(ns)).SequenceEqual(["nginx:1.27", "nginx:1.27", "nginx:1.27"]), "pods back on nginx:1.27");
        (await Kubectl.RunAsync("rollout", "history", "ds/web", "-n", ns)).Succeeds()
            .PrintsExactly("daemonset.apps/web \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n");
        (await Kubectl.RunAsync("get", "ds", "web", "-n", ns, "-o", "jsonpath={.metadata.generation} {.metadata.annotations.deprecated\\.daemonset\\.template\\.generation}")).Succeeds()
            .PrintsExactly("3 3");
        // The revision now in use is the current template: kubectl compares the patch bytes and skips.
        (await Kubectl.RunAsync("rollout", "undo", "ds/web", "--to-revision=3", "-n", ns)).Succeeds()
            .PrintsExactly("daemonset.apps/web skipped rollback (current template already matches revision 3)\n");
        (await Kubectl.RunAsync("get", "events", "-n", ns, "--field-selector", "reason=SuccessfulDelete")).Succeeds()
            .PrintsLine(@"daemonset/web\s+Deleted pod: web-[bcdfghjklmnpqrstvwxz2456789]{5}$");
    }

    [Fact]
    public async Task On_delete_strategy_replaces_a_pod_only_when_the_user_deletes_it()
    {
        var ns = await own.CreateNamespaceAsync("ds-ondelete");
        var manifest = DaemonSetManifests.DaemonSet("agent", "nginx:1.27").Replace("spec:\n  selector:", "spec:\n  updateStrategy:\n    type: OnDelete\n  selector:", StringComparison.Ordinal);
        (await Kubectl.CreateFromManifestAsync(manifest, "-n", ns)).Succeeds();
        await Poll.UntilAsync(async () => Regex.IsMatch((await Kubectl.RunAsync("get", "ds", "agent", "-n", ns)).Stdout, @"^agent\s+3\s+3\s+3\s+3\s+3\s", RegexOptions.Multiline), "3 ready");

        (await Kubectl.RunAsync("set", "image", "ds/agent", "main=nginx:1.28", "-n", ns)).Succeeds();
        await Poll.UntilAsync(async () => Regex.IsMatch((await Kubectl.RunAsync("get", "ds", "agent", "-n", ns)).Stdout, @"^agent\s+3\s+3\s+3\s+0\s+3\s", RegexOptions.Multiline), "0 up to date");
        Assert.Equal(["nginx:1.27", "nginx:1.27", "nginx:1.27"], await PodImagesAsync(ns));
        (await Kubectl.RunAsync("rollout", "status", "ds/agent", "-n", ns)).FailsWith(1)
            .PrintsErrorLine("^error: rollout status is only available for RollingUpdate strategy type$");

        var victim = (await Kubectl.RunAsync("get", "pods", "-n", ns, "-o", "jsonpath={.items[0].metadata.name}")).Succeeds().Stdout;
        (await Kubectl.RunAsync("delete", "pod", victim, "-n", ns)).Succeeds();
        await Poll.UntilAsync(async () => Regex.IsMatch((await Kubectl.RunAsync("get", "ds", "agent", "-n", ns)).Stdout, @"^agent\s+3\s+3\s+3\s+1\s+3\s", RegexOptions.Multiline), "1 up to date");
        Assert.Equal(["nginx:1.27", "nginx:1.27", "nginx:1.28"], await PodImagesAsync(ns));
    }

    [Fact]
    public async Task Node_selector_and_taints_choose_the_nodes_and_relabelling_moves_the_pods()
    {
        var ns = await own.CreateNamespaceAsync("ds-nodes");
        try
        {
            (await Kubectl.RunAsync("label", "node", "node-2", "node-3", "disk=ssd")).Succeeds();
            (await Kubectl.RunAsync("taint", "node", "node-3", "dedicated=infra:NoSchedule")).Succeeds().PrintsExactly("node/node-3 tainted\n");
            (await Kubectl.CreateFromManifestAsync(DaemonSetManifests.DaemonSet("ssd", "nginx", "disk: ssd"), "-n", ns)).Succeeds();
            await Poll.UntilAsync(async () => Regex.IsMatch((await Kubectl.RunAsync("get", "ds", "ssd", "-n", ns)).Stdout, @"^ssd\s+1\s+1\s+1\s+1\s+1\s+disk=ssd\s+\S+$", RegexOptions.Multiline),
                "one pod, on the only untainted ssd node");
            Assert.Equal(["node-2"], await PodNodesAsync(ns));

            // The control-plane way in: a toleration lets the pod onto the tainted node too.
            (await Kubectl.RunAsync("patch", "ds", "ssd", "--type=merge", "-p",
                """{"spec":{"template":{"spec":{"tolerations":[{"key":"dedicated","operator":"Equal","value":"infra","effect":"NoSchedule"}]}}}}""", "-n", ns)).Succeeds();
            await Poll.UntilAsync(async () => (await PodNodesAsync(ns)).SequenceEqual(["node-2", "node-3"]), "pods on node-2 and node-3");

            (await Kubectl.RunAsync("label", "node", "node-2", "disk-")).Succeeds().PrintsExactly("node/node-2 unlabeled\n");
            await Poll.UntilAsync(async () => (await PodNodesAsync(ns)).SequenceEqual(["node-3"]), "the pod of node-2 removed");
            (await Kubectl.RunAsync("label", "node", "node-1", "disk=ssd")).Succeeds();
            await Poll.UntilAsync(async () => (await PodNodesAsync(ns)).SequenceEqual(["node-1", "node-3"]), "a pod for node-1");
            await Poll.UntilAsync(async () => Regex.IsMatch((await Kubectl.RunAsync("get", "ds", "ssd", "-n", ns)).Stdout, @"^ssd\s+2\s+2\s+2\s+2\s+2\s+disk=ssd\s", RegexOptions.Multiline),
                "status counts two nodes");
        }
        finally
        {
            await Kubectl.RunAsync("label", "node", "node-1", "node-2", "node-3", "disk-");
            await Kubectl.RunAsync("taint", "node", "node-3", "dedicated-");
        }
    }

    [Fact]
    public async Task Drain_ignores_daemon_pods_and_a_cordoned_node_keeps_its_daemon_pod()
    {
        var ns = await own.CreateNamespaceAsync("ds-drain");
        (await Kubectl.CreateFromManifestAsync(DaemonSetManifests.DaemonSet("logger", "nginx"), "-n", ns)).Succeeds();
        (await Kubectl.RunAsync(["rollout", "status", "ds/logger", "-n", ns], null, Rollout)).Succeeds();
        var onNode1 = (await Kubectl.RunAsync("get", "pods", "-n", ns, "--field-selector", "spec.nodeName=node-1", "-o", "jsonpath={.items[0].metadata.name}")).Succeeds().Stdout;
        try
        {
            var drain = (await Kubectl.RunAsync(["drain", "node-1", "--ignore-daemonsets", "--timeout=60s"], null, Rollout)).Succeeds()
                .PrintsLine("^node/node-1 cordoned$").PrintsLine("^node/node-1 drained$");
            Assert.Contains($"Warning: ignoring DaemonSet-managed Pods: {ns}/{onNode1}", drain.Stderr, StringComparison.Ordinal);
            (await Kubectl.RunAsync("get", "pod", onNode1, "-n", ns)).Succeeds().PrintsLine($@"^{onNode1}\s+1/1\s+Running\s+");
            (await Kubectl.RunAsync("get", "ds", "logger", "-n", ns)).Succeeds().PrintsLine(@"^logger\s+3\s+3\s+3\s+3\s+3\s+<none>\s+\S+$");
        }
        finally
        {
            await Kubectl.RunAsync("uncordon", "node-1");
        }
    }

    [Fact]
    public async Task A_deleted_node_loses_its_daemon_pod_and_gets_one_again_when_its_kubelet_registers_it_anew()
    {
        var ns = await own.CreateNamespaceAsync("ds-node-gone");
        (await Kubectl.CreateFromManifestAsync(DaemonSetManifests.DaemonSet("probe", "nginx"), "-n", ns)).Succeeds();
        (await Kubectl.RunAsync(["rollout", "status", "ds/probe", "-n", ns], null, Rollout)).Succeeds();

        (await Kubectl.RunAsync("delete", "node", "node-3")).Succeeds().PrintsExactly("node \"node-3\" deleted\n");
        await Poll.UntilAsync(async () => (await PodNodesAsync(ns)).SequenceEqual(["node-1", "node-2"]), "the pod of node-3 removed");
        await Poll.UntilAsync(async () => Regex.IsMatch((await Kubectl.RunAsync("get", "ds", "probe", "-n", ns)).Stdout, @"^probe\s+2\s+2\s+2\s+2\s+2\s", RegexOptions.Multiline),
            "two nodes desired");

        // The simulated kubelet re-registers its node at its next status post (at most a minute later).
        await Poll.UntilAsync(async () => (await PodNodesAsync(ns)).SequenceEqual(["node-1", "node-2", "node-3"]), "a pod for the node registered again");
        await Poll.UntilAsync(async () => Regex.IsMatch((await Kubectl.RunAsync("get", "ds", "probe", "-n", ns)).Stdout, @"^probe\s+3\s+3\s+3\s+3\s+3\s", RegexOptions.Multiline),
            "three nodes desired again");
    }

    [Fact]
    public async Task A_service_over_daemon_pods_answers_from_them_through_its_cluster_ip()
    {
        var ns = await own.CreateNamespaceAsync("ds-svc");
        (await Kubectl.CreateFromManifestAsync(DaemonSetManifests.DaemonSet("httpenv", "jpetazzo/httpenv"), "-n", ns)).Succeeds();
        (await Kubectl.RunAsync("create", "service", "clusterip", "httpenv", "--tcp=8888", "-n", ns)).Succeeds()
            .PrintsExactly("service/httpenv created\n");
        (await Kubectl.RunAsync(["rollout", "status", "ds/httpenv", "-n", ns], null, Rollout)).Succeeds();
        var pods = (await Kubectl.RunAsync("get", "pods", "-l", "app=httpenv", "-n", ns, "-o", "name")).Succeeds()
            .StdoutLines.Where(l => l.Length > 0).Select(l => l["pod/".Length..]).ToList();
        Assert.Equal(3, pods.Count);

        var ip = (await Kubectl.RunAsync("get", "svc", "httpenv", "-n", ns, "-o", "jsonpath={.spec.clusterIP}")).Succeeds().Stdout;
        await Curl.HostnameWhenAnsweringAsync($"http://{ip}:8888/");
        var seen = new HashSet<string>();
        await Poll.UntilAsync(async () =>
        {
            var host = await Curl.HostnameAsync($"http://{ip}:8888/");
            Assert.Contains(host, pods);
            seen.Add(host);
            return seen.Count >= 2;
        }, "answers from two daemon pods");
    }

    private Task<List<string>> PodImagesAsync(string ns) => LivePodsAsync(ns, p => (string?)p["spec"]?["containers"]?[0]?["image"]);

    private Task<List<string>> PodNodesAsync(string ns) => LivePodsAsync(ns, p => (string?)p["spec"]?["nodeName"]);

    /// <summary>One value per pod not being deleted, sorted.</summary>
    private async Task<List<string>> LivePodsAsync(string ns, Func<JsonNode, string?> value)
    {
        var list = JsonNode.Parse((await Kubectl.RunAsync("get", "pods", "-n", ns, "-o", "json")).Succeeds().Stdout);
        return [.. (list?["items"] as JsonArray ?? []).OfType<JsonNode>().Where(p => p["metadata"]?["deletionTimestamp"] is null)
            .Select(p => value(p) ?? "").Order(StringComparer.Ordinal)];
    }
}
