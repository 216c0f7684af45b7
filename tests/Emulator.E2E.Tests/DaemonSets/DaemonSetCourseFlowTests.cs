using System.Text.RegularExpressions;
using Emulator.E2E.Tests.Harness;

namespace Emulator.E2E.Tests.DaemonSets;

/// <summary>
/// The course chapter that turns a Deployment into a DaemonSet with real kubectl: get -o yaml, edit the kind,
/// apply --validate=false, one pod per node, and what get ds / get controllerrevisions print.
/// </summary>
[Collection(RestartCollection.Name)]
public sealed class DaemonSetCourseFlowTests(DaemonSetEmulator own) : IClassFixture<DaemonSetEmulator>
{
    private static readonly TimeSpan Rollout = TimeSpan.FromSeconds(120);
    private Kubectl Kubectl => own.Kubectl;

    [Fact]
    public async Task A_deployment_yaml_with_its_kind_edited_applies_as_a_daemon_set_running_one_pod_per_node()
    {
        var ns = await own.CreateNamespaceAsync("ds-course");
        (await Kubectl.RunAsync("create", "deployment", "rng", "--image=dockercoins/rng:v0.1", "-n", ns)).Succeeds();
        (await Kubectl.RunAsync(["rollout", "status", "deploy/rng", "-n", ns], null, Rollout)).Succeeds();

        // kubectl get deploy/rng -o yaml > rng.yml; edit kind; kubectl apply -f rng.yml --validate=false
        var yaml = (await Kubectl.RunAsync("get", "deploy/rng", "-o", "yaml", "-n", ns)).Succeeds().Stdout;
        Assert.Contains("\nkind: Deployment\n", yaml, StringComparison.Ordinal);
        var dir = TempDirs.Create("ds-course");
        try
        {
            var file = Path.Combine(dir, "rng.yml");
            await File.WriteAllTextAsync(file, yaml.Replace("\nkind: Deployment\n", "\nkind: DaemonSet\n", StringComparison.Ordinal));
            (await Kubectl.RunAsync("apply", "-f", file, "--validate=false", "-n", ns)).Succeeds()
                .PrintsExactly("daemonset.apps/rng created\n");
        }
        finally
        {
            TempDirs.TryDelete(dir);
        }

        (await Kubectl.RunAsync(["rollout", "status", "ds/rng", "-n", ns], null, Rollout)).Succeeds()
            .PrintsLine("^daemon set \"rng\" successfully rolled out$");
        (await Kubectl.RunAsync("get", "ds", "-n", ns)).Succeeds()
            .PrintsHeader(@"^NAME\s+DESIRED\s+CURRENT\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+NODE SELECTOR\s+AGE$")
            .PrintsLine(@"^rng\s+3\s+3\s+3\s+3\s+3\s+<none>\s+\S+$");
        (await Kubectl.RunAsync("get", "daemonsets", "-o", "wide", "-n", ns)).Succeeds()
            .PrintsHeader(@"^NAME\s+DESIRED\s+CURRENT\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+NODE SELECTOR\s+AGE\s+CONTAINERS\s+IMAGES\s+SELECTOR$")
            .PrintsLine(@"^rng\s+3\s+3\s+3\s+3\s+3\s+<none>\s+\S+\s+rng\s+dockercoins/rng:v0\.1\s+app=rng$");

        // The deployment's pod plus one daemon pod on each node, named <ds>-<5 random>.
        var pods = (await Kubectl.RunAsync("get", "pods", "-l", "app=rng", "-o", "wide", "-n", ns)).Succeeds();
        var daemonRows = pods.StdoutLines.Select(l => Regex.Match(l, @"^rng-[bcdfghjklmnpqrstvwxz2456789]{5}\s+1/1\s+Running\s+0\s+\S+\s+127\.244\.\d+\.\d+\s+(node-\d)\s+"))
            .Where(m => m.Success).ToList();
        Assert.True(daemonRows.Count == 3, pods.Describe());
        Assert.Equal(["node-1", "node-2", "node-3"], daemonRows.Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal));
        pods.PrintsLine(@"^rng-[bcdfghjklmnpqrstvwxz2456789]{1,10}-[bcdfghjklmnpqrstvwxz2456789]{5}\s+1/1\s+Running\s+");

        // Decoding into the DaemonSet type drops what only a Deployment has.
        var stored = (await Kubectl.RunAsync("get", "ds", "rng", "-o", "yaml", "-n", ns)).Succeeds();
        stored.DoesNotPrintLine(@"^\s+replicas:").DoesNotPrintLine(@"^\s+progressDeadlineSeconds:")
            .PrintsLine("^    deprecated.daemonset.template.generation: \"1\"$")
            .PrintsLine(@"^\s+maxUnavailable: 1$").PrintsLine(@"^\s+maxSurge: 0$").PrintsLine(@"^  revisionHistoryLimit: 10$");

        var hash = (await Kubectl.RunAsync("get", "controllerrevisions", "-n", ns, "-o", "jsonpath={.items[0].metadata.labels.controller-revision-hash}")).Succeeds().Stdout;
        (await Kubectl.RunAsync("get", "controllerrevisions", "-n", ns)).Succeeds()
            .PrintsHeader(@"^NAME\s+CONTROLLER\s+REVISION\s+AGE$")
            .PrintsLine($@"^rng-{hash}\s+daemonset\.apps/rng\s+1\s+\S+$");
        var labelled = (await Kubectl.RunAsync("get", "pods", "-l", $"controller-revision-hash={hash},pod-template-generation=1", "-n", ns, "--no-headers")).Succeeds();
        Assert.True(labelled.StdoutLines.Count(l => l.Length > 0) == 3, labelled.Describe());
        var pinned = (await Kubectl.RunAsync("get", "pods", "-l", $"controller-revision-hash={hash}", "-n", ns, "-o",
            "jsonpath={range .items[*]}{.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[0].values[0]}={.spec.nodeName}{\"\\n\"}{end}")).Succeeds();
        Assert.Equal(3, pinned.StdoutLines.Count(l => Regex.IsMatch(l, @"^(node-\d)=\1$")));

        (await Kubectl.RunAsync("api-resources", "--api-group=apps")).Succeeds()
            .PrintsLine(@"^controllerrevisions\s+apps/v1\s+true\s+ControllerRevision$")
            .PrintsLine(@"^daemonsets\s+ds\s+apps/v1\s+true\s+DaemonSet$");
        (await Kubectl.RunAsync("get", "all", "-n", ns)).Succeeds().PrintsLine(@"^daemonset\.apps/rng\s+3\s+3\s+3\s+3\s+3\s+<none>\s+\S+$");

        // Deleting the set takes its pods and revisions along (garbage collector).
        (await Kubectl.RunAsync("delete", "ds", "rng", "-n", ns)).Succeeds().PrintsExactly($"daemonset.apps \"rng\" deleted from {ns} namespace\n");
        await Poll.UntilAsync(async () => (await Kubectl.RunAsync("get", "pods,controllerrevisions", "-n", ns, "--no-headers")).Succeeds()
            .StdoutLines.Count(l => Regex.IsMatch(l, @"^(pod/)?rng-[bcdfghjklmnpqrstvwxz2456789]{5}\s|controllerrevision")) == 0, "daemon pods and revisions deleted");
    }

    [Fact]
    public async Task Selector_mismatch_and_selector_change_are_refused_with_the_apiservers_words()
    {
        var ns = await own.CreateNamespaceAsync("ds-invalid");
        var manifest = DaemonSetManifests.DaemonSet("web", "nginx").Replace("        app: web\n    spec:", "        app: other\n    spec:", StringComparison.Ordinal);
        (await Kubectl.CreateFromManifestAsync(manifest, "-n", ns)).FailsWith(1)
            .PrintsErrorLine("^The DaemonSet \"web\" is invalid: spec.template.metadata.labels: Invalid value: map\\[string\\]string\\{\"app\":\"other\"\\}: `selector` does not match template `labels`$");

        (await Kubectl.CreateFromManifestAsync(DaemonSetManifests.DaemonSet("web", "nginx"), "-n", ns)).Succeeds()
            .PrintsExactly("daemonset.apps/web created\n");
        (await Kubectl.RunAsync("patch", "ds", "web", "--type=merge", "-p", """{"spec":{"selector":{"matchLabels":{"app":"x"}},"template":{"metadata":{"labels":{"app":"x"}}}}}""", "-n", ns))
            .FailsWith(1)
            .PrintsErrorLine("^The DaemonSet \"web\" is invalid: spec.selector: Invalid value: v1.LabelSelector\\{MatchLabels:map\\[string\\]string\\{\"app\":\"x\"\\}, MatchExpressions:\\[\\]v1.LabelSelectorRequirement\\(nil\\)\\}: field is immutable$");
        (await Kubectl.RunAsync("patch", "ds", "web", "--type=merge", "-p", """{"spec":{"updateStrategy":{"rollingUpdate":{"maxUnavailable":0}}}}""", "-n", ns))
            .FailsWith(1)
            .PrintsErrorLine("^The DaemonSet \"web\" is invalid: spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0$");
    }
}
