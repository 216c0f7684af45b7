using System.Text.RegularExpressions;
using Emulator.E2E.Tests.Harness;
using Xunit.Sdk;

namespace Emulator.E2E.Tests.Workloads;

/// <summary>
/// kubectl rollout pause/resume, the progress deadline and what <c>get pods -w</c> prints while a deployment rolls
/// and scales, all with real kubectl against the shared emulator.
/// </summary>
[Collection(SharedEmulatorCollection.Name)]
public sealed class RolloutPauseAndDeadlineTests(EmulatorFixture fixture)
{
    private static readonly TimeSpan Rollout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_paused_deployment_scales_but_does_not_roll_out_until_resumed()
    {
        var ns = await fixture.CreateNamespaceAsync("pause");
        var kubectl = fixture.Kubectl;
        (await kubectl.RunAsync("create", "deployment", "web", "--image=nginx:1.27", "--replicas=3", "-n", ns)).Succeeds();
        (await kubectl.RunAsync(["rollout", "status", "deploy/web", "-n", ns], null, Rollout)).Succeeds();
        var first = (await kubectl.RunAsync("get", "rs", "-n", ns, "-o", "jsonpath={.items[0].metadata.name}")).Succeeds().Stdout;

        (await kubectl.RunAsync("rollout", "pause", "deploy/web", "-n", ns)).Succeeds().PrintsExactly("deployment.apps/web paused\n");
        await PollAsync(async () => (await ProgressingReason(ns, "web")) == "DeploymentPaused", "Progressing reason DeploymentPaused");
        (await kubectl.RunAsync("set", "image", "deploy/web", "nginx=nginx:1.28", "-n", ns)).Succeeds().PrintsExactly("deployment.apps/web image updated\n");
        (await kubectl.RunAsync("scale", "deploy/web", "--replicas=4", "-n", ns)).Succeeds().PrintsExactly("deployment.apps/web scaled\n");

        // Scaling applies to the current set while paused; the new template gets no set of its own.
        await PollAsync(async () => Regex.IsMatch((await kubectl.RunAsync("get", "rs", "-n", ns, "--no-headers")).Stdout, $@"^{first}\s+4\s+4\s+4\s+\S+\n$"),
            "the paused deployment's only set scaled to 4");
        (await kubectl.RunAsync("describe", "deploy", "web", "-n", ns)).Succeeds()
            .PrintsLine(@"^\s+Progressing\s+Unknown\s+DeploymentPaused$")
            .PrintsLine(@"^\s+Available\s+True\s+MinimumReplicasAvailable$");
        (await kubectl.RunAsync("get", "deploy", "web", "-n", ns, "-o", "jsonpath={.status.conditions[?(@.type==\"Progressing\")].message}")).Succeeds()
            .PrintsExactly("Deployment is paused");
        (await kubectl.RunAsync(["rollout", "status", "deploy/web", "-n", ns, "--timeout=3s"], null, Rollout)).FailsWith(1)
            .PrintsLine("^Waiting for deployment \"web\" rollout to finish: 0 out of 4 new replicas have been updated...$")
            .PrintsErrorLine("^error: timed out waiting for the condition$");
        (await kubectl.RunAsync("rollout", "history", "deploy/web", "-n", ns)).Succeeds()
            .PrintsLine(@"^REVISION\s+CHANGE-CAUSE$").PrintsLine(@"^1\s+<none>$").DoesNotPrintLine(@"^2\s");

        await using var watch = fixture.Kubectl.Start("get", "deploy", "web", "-w", "-n", ns, "-o",
            "jsonpath={.status.conditions[?(@.type==\"Progressing\")].reason}{\"\\n\"}");
        await watch.WaitForStdoutLineAsync("^DeploymentPaused$", Deadlines.Event);
        (await kubectl.RunAsync("rollout", "resume", "deploy/web", "-n", ns)).Succeeds().PrintsExactly("deployment.apps/web resumed\n");
        await watch.WaitForStdoutLineAsync("^DeploymentResumed$", Deadlines.Event);
        await watch.WaitForStdoutLineAsync("^NewReplicaSetAvailable$", Rollout);

        (await kubectl.RunAsync(["rollout", "status", "deploy/web", "-n", ns], null, Rollout)).Succeeds()
            .PrintsLine("^deployment \"web\" successfully rolled out$");
        (await kubectl.RunAsync("get", "rs", "-n", ns)).Succeeds()
            .PrintsLine($@"^{first}\s+0\s+0\s+0\s+")
            .PrintsLine(@"^web-\w+\s+4\s+4\s+4\s+");
        (await kubectl.RunAsync("rollout", "history", "deploy/web", "-n", ns)).Succeeds().PrintsLine(@"^1\s+<none>$").PrintsLine(@"^2\s+<none>$");
    }

    [Fact]
    public async Task A_rollout_whose_pod_never_gets_ready_exceeds_its_progress_deadline()
    {
        var ns = await fixture.CreateNamespaceAsync("deadline");
        (await fixture.Kubectl.CreateFromManifestAsync(NeverReady("stuck", 5), "-n", ns)).Succeeds();

        (await fixture.Kubectl.RunAsync(["rollout", "status", "deploy/stuck", "-n", ns, "--timeout=120s"], null, TimeSpan.FromSeconds(150))).FailsWith(1)
            .PrintsLine("^Waiting for deployment \"stuck\" rollout to finish: 0 of 1 updated replicas are available...$")
            .PrintsErrorLine("^error: deployment \"stuck\" exceeded its progress deadline$");
        (await fixture.Kubectl.RunAsync("describe", "deploy", "stuck", "-n", ns)).Succeeds()
            .PrintsLine(@"^\s+Available\s+False\s+MinimumReplicasUnavailable$")
            .PrintsLine(@"^\s+Progressing\s+False\s+ProgressDeadlineExceeded$");
        var rs = (await fixture.Kubectl.RunAsync("get", "rs", "-n", ns, "-o", "jsonpath={.items[0].metadata.name}")).Succeeds().Stdout;
        (await fixture.Kubectl.RunAsync("get", "deploy", "stuck", "-n", ns, "-o", "jsonpath={.status.conditions[?(@.type==\"Progressing\")].message}")).Succeeds()
            .PrintsExactly($"ReplicaSet \"{rs}\" has timed out progressing.");
        (await fixture.Kubectl.RunAsync("get", "pods", "-n", ns, "--no-headers")).Succeeds().PrintsLine(@"^stuck-\S+\s+0/1\s+Running\s+0\s+");
    }

    [Fact]
    public async Task Get_pods_watch_shows_new_pods_start_and_old_ones_terminate_during_a_rollout_and_a_scale_down()
    {
        var ns = await fixture.CreateNamespaceAsync("rollwatch");
        var kubectl = fixture.Kubectl;
        (await kubectl.RunAsync("create", "deployment", "web", "--image=nginx:1.27", "--replicas=3", "-n", ns)).Succeeds();
        (await kubectl.RunAsync(["rollout", "status", "deploy/web", "-n", ns], null, Rollout)).Succeeds();
        var oldHash = (await kubectl.RunAsync("get", "rs", "-n", ns, "-o", "jsonpath={.items[0].metadata.labels.pod-template-hash}")).Succeeds().Stdout;
        await using var watch = kubectl.Start("get", "pods", "-w", "-n", ns, "--output-watch-events");
        for (var i = 0; i < 3; i++) await watch.WaitForStdoutLineAsync($@"^ADDED\s+web-{oldHash}-\S+\s+1/1\s+Running\s+0\s+", Deadlines.Event);

        (await kubectl.RunAsync("set", "image", "deploy/web", "nginx=nginx:1.28", "-n", ns)).Succeeds();
        var newPod = @"web-(?!" + oldHash + @"-)\S+";
        await watch.WaitForStdoutLineAsync($@"^ADDED\s+{newPod}\s+0/1\s+Pending\s+0\s+", Deadlines.Event);
        await watch.WaitForStdoutLineAsync($@"^MODIFIED\s+{newPod}\s+0/1\s+ContainerCreating\s+0\s+", Deadlines.Event);
        await watch.WaitForStdoutLineAsync($@"^MODIFIED\s+{newPod}\s+1/1\s+Running\s+0\s+", Deadlines.Event);
        await watch.WaitForStdoutLineAsync($@"^MODIFIED\s+web-{oldHash}-\S+\s+\d/1\s+Terminating\s+0\s+", Rollout);
        await watch.WaitForStdoutLineAsync($@"^DELETED\s+web-{oldHash}-\S+\s+", Rollout);
        (await kubectl.RunAsync(["rollout", "status", "deploy/web", "-n", ns], null, Rollout)).Succeeds();

        (await kubectl.RunAsync("scale", "deploy/web", "--replicas=1", "-n", ns)).Succeeds().PrintsExactly("deployment.apps/web scaled\n");
        for (var i = 0; i < 2; i++)
            await watch.WaitForStdoutLineAsync($@"^MODIFIED\s+{newPod}\s+\d/1\s+Terminating\s+0\s+", Rollout);
        await PollAsync(async () => (await kubectl.RunAsync("get", "pods", "-n", ns, "--no-headers")).Succeeds().StdoutLines.Count(l => l.Length > 0) == 1,
            "one pod left after scaling to 1");
        (await kubectl.RunAsync("get", "pods", "-n", ns, "--no-headers")).Succeeds().PrintsLine($@"^{newPod}\s+1/1\s+Running\s+0\s+");
    }

    private async Task<string> ProgressingReason(string ns, string name) =>
        (await fixture.Kubectl.RunAsync("get", "deploy", name, "-n", ns, "-o", "jsonpath={.status.conditions[?(@.type==\"Progressing\")].reason}")).Succeeds().Stdout;

    // A readiness probe on a port the httpenv emulation does not serve: the pod runs and never becomes ready.
    private static string NeverReady(string name, int deadlineSeconds) => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {name}
        spec:
          replicas: 1
          progressDeadlineSeconds: {deadlineSeconds}
          selector:
            matchLabels: {"{"}app: {name}{"}"}
          template:
            metadata:
              labels: {"{"}app: {name}{"}"}
            spec:
              containers:
              - name: web
                image: jpetazzo/httpenv
                readinessProbe:
                  httpGet: {"{"}path: /, port: 9999{"}"}
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
