using Emulator.E2E.Tests.Harness;

namespace Emulator.E2E.Tests.Kubelet;

/// <summary>
/// <c>kubectl run -it</c> and <c>kubectl attach</c>: a container started with <c>stdin: true</c> running a bare shell
/// reads its command lines from the attached client; attaching to any other running container streams its output.
/// </summary>
[Collection(SharedEmulatorCollection.Name)]
public sealed class AttachTests(EmulatorFixture fixture)
{
    [Fact]
    public async Task Kubectl_run_it_rm_gives_an_interactive_shell_in_a_new_pod_and_deletes_it_afterwards()
    {
        var ns = await fixture.CreateNamespaceAsync("run-it");
        var kubectl = string.Join(' ', RepoPaths.Tool("kubectl"), "--kubeconfig", fixture.Emulator.KubeconfigPath, "-n", ns,
            "run", "-it", "--rm", "--restart=Never", "--image=busybox", "shell", "--", "sh");
        await using var terminal = PseudoTerminal.Start(kubectl);
        await terminal.WaitForAsync("If you don't see a command prompt, try pressing enter.", Deadlines.Event);
        await terminal.TypeAsync("echo hi from $HOSTNAME\r");
        await terminal.WaitForAsync("hi from shell\r\n/ # ", Deadlines.Event);
        await terminal.TypeAsync("exit\r");
        var exit = await terminal.WaitForExitAsync(Deadlines.Event);

        Assert.True(exit == 0, $"exit code {exit}\n{terminal.Output}");
        Assert.Contains($"pod \"shell\" deleted from {ns} namespace", terminal.Output, StringComparison.Ordinal);
        (await fixture.Kubectl.RunAsync("get", "pod", "shell", "-n", ns)).FailsWith(1)
            .PrintsErrorLine("^Error from server \\(NotFound\\): pods \"shell\" not found$");
    }

    [Fact]
    public async Task Kubectl_run_i_without_a_terminal_runs_the_piped_script_and_reports_the_pods_failure()
    {
        var ns = await fixture.CreateNamespaceAsync("run-i");
        var result = await fixture.Kubectl.RunAsync(["run", "-i", "--rm", "--restart=Never", "--image=busybox", "piped", "-n", ns, "--", "sh"],
            "echo piped into $HOSTNAME\nexit 3\n");
        result.FailsWith(3).PrintsLine("^piped into piped$").PrintsLine($"^pod \"piped\" deleted from {ns} namespace$")
            .PrintsErrorLine($"^pod {ns}/piped terminated \\(Error\\)$");
    }

    [Fact]
    public async Task Attach_streams_a_running_containers_output_and_attach_i_types_into_its_open_stdin()
    {
        var ns = await fixture.CreateNamespaceAsync("attach");
        var kubectl = fixture.Kubectl;
        (await kubectl.RunAsync("run", "counter", "--image=busybox", "-n", ns, "--", "sh", "-c", "i=0; while true; do echo tick $i; i=$((i+1)); sleep 0.5; done"))
            .Succeeds();
        await kubectl.UntilAsync(@"^counter\s+1/1\s+Running\s+0\s+\S+$", "get", "pod", "counter", "-n", ns);
        await using (var attach = kubectl.Start("attach", "counter", "-n", ns))
        {
            await attach.WaitForStdoutLineAsync(@"^tick \d+$", Deadlines.Event);
        }

        var manifest = """
                       apiVersion: v1
                       kind: Pod
                       metadata:
                         name: waiting
                       spec:
                         restartPolicy: Never
                         containers:
                         - {name: sh, image: busybox, command: [sh], stdin: true, stdinOnce: true}
                       """;
        (await kubectl.CreateFromManifestAsync(manifest, "-n", ns)).Succeeds();
        await kubectl.UntilAsync(@"^waiting\s+1/1\s+Running\s+0\s+\S+$", "get", "pod", "waiting", "-n", ns);
        (await kubectl.RunAsync(["attach", "-i", "waiting", "-n", ns], "echo typed into $HOSTNAME\nexit 4\n")).Succeeds()
            .PrintsLine("^typed into waiting$");
        await kubectl.UntilAsync(@"^Failed 4$", "get", "pod", "waiting", "-n", ns, "-o",
            "jsonpath={.status.phase} {.status.containerStatuses[0].state.terminated.exitCode}");
        (await kubectl.RunAsync("logs", "waiting", "-n", ns)).Succeeds().PrintsExactly("typed into waiting\n");
    }
}
