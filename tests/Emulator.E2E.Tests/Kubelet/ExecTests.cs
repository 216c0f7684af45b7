using Emulator.E2E.Tests.Harness;

namespace Emulator.E2E.Tests.Kubelet;

/// <summary>
/// <c>kubectl exec</c> into running containers: the command runs in the kubelet's interpreter against the container's
/// environment, files and network; stdout and stderr stay apart, the exit code comes back as kubectl's own, and the
/// API server's and kubelet's refusals read as the real ones.
/// </summary>
[Collection(SharedEmulatorCollection.Name)]
public sealed class ExecTests(EmulatorFixture fixture)
{
    private async Task<string> SleeperAsync(string purpose, string pod = "bb")
    {
        var ns = await fixture.CreateNamespaceAsync(purpose);
        (await fixture.Kubectl.RunAsync("run", pod, "--image=busybox", "-n", ns, "--env=GREETING=hello from the pod", "--command", "--",
            "sh", "-c", "echo started > /tmp/marker; sleep 3600")).Succeeds();
        await fixture.Kubectl.UntilAsync($@"^{pod}\s+1/1\s+Running\s+0\s+\S+$", "get", "pod", pod, "-n", ns);
        return ns;
    }

    [Fact]
    public async Task Exec_keeps_stdout_and_stderr_apart_and_exits_with_the_commands_exit_code()
    {
        var ns = await SleeperAsync("exec-code");
        var result = await fixture.Kubectl.RunAsync("exec", "bb", "-n", ns, "--", "sh", "-c", "echo out; echo err >&2; exit 3");
        result.FailsWith(3).PrintsExactly("out\n");
        Assert.Equal("err\ncommand terminated with exit code 3\n", result.Stderr);

        (await fixture.Kubectl.RunAsync("exec", "bb", "-n", ns, "--", "sh", "-c", "echo $GREETING; cat /tmp/marker; hostname")).Succeeds()
            .PrintsExactly($"hello from the pod\nstarted\nbb\n");
        (await fixture.Kubectl.RunAsync("exec", "bb", "-n", ns, "--", "printenv", "GREETING")).Succeeds().PrintsExactly("hello from the pod\n");
        (await fixture.Kubectl.RunAsync("exec", "bb", "-n", ns, "--", "sh", "-c", "nosuch --flag")).FailsWith(127)
            .PrintsErrorLine("^sh: nosuch: not found$").PrintsErrorLine("^command terminated with exit code 127$");
    }

    [Fact]
    public async Task Exec_over_spdy_when_websockets_are_off_behaves_the_same()
    {
        var ns = await SleeperAsync("exec-spdy");
        var result = await SpdyKubectlAsync(["exec", "bb", "-n", ns, "--", "sh", "-c", "echo spdy-out; echo spdy-err >&2; exit 5"], stdin: null);
        result.FailsWith(5).PrintsExactly("spdy-out\n");
        Assert.Equal("spdy-err\ncommand terminated with exit code 5\n", result.Stderr);
        (await SpdyKubectlAsync(["exec", "-i", "bb", "-n", ns, "--", "cat"], stdin: "through spdy\n")).Succeeds().PrintsExactly("through spdy\n");
    }

    [Fact]
    public async Task Exec_with_stdin_feeds_the_command_and_a_shell_runs_a_script_read_from_stdin()
    {
        var ns = await SleeperAsync("exec-stdin");
        (await fixture.Kubectl.RunAsync(["exec", "-i", "bb", "-n", ns, "--", "cat"], "hello\n")).Succeeds().PrintsExactly("hello\n");
        (await fixture.Kubectl.RunAsync(["exec", "-i", "bb", "-n", ns, "--", "wc", "-l"], "a\nb\nc\n")).Succeeds().PrintsLine(@"^\s*3$");
        var script = "X=5\necho x=$X\nfor i in 1 2; do\n  echo item $i\ndone\necho to-err >&2\nexit 4\necho never\n";
        var result = await fixture.Kubectl.RunAsync(["exec", "-i", "bb", "-n", ns, "--", "sh"], script);
        result.FailsWith(4).PrintsExactly("x=5\nitem 1\nitem 2\n");
        Assert.Equal("to-err\ncommand terminated with exit code 4\n", result.Stderr);

        // -t without a terminal: kubectl warns and goes on without one.
        var noTty = await fixture.Kubectl.RunAsync(["exec", "-it", "bb", "-n", ns, "--", "sh"], "echo no terminal\n");
        noTty.Succeeds().PrintsExactly("no terminal\n")
            .PrintsErrorLine("^Unable to use a TTY - input is not a terminal or the right kind of file$");
    }

    [Fact]
    public async Task Exec_it_under_a_terminal_is_an_interactive_shell_with_prompt_and_echo()
    {
        var ns = await SleeperAsync("exec-tty");
        var kubectl = string.Join(' ', new[] { RepoPaths.Tool("kubectl"), "--kubeconfig", fixture.Emulator.KubeconfigPath, "exec", "-it", "bb", "-n", ns, "--", "sh" });
        await using var terminal = PseudoTerminal.Start(kubectl);
        await terminal.WaitForAsync("/ # ", Deadlines.Event);
        await terminal.TypeAsync("echo $GREETING\r");
        await terminal.WaitForAsync("hello from the pod\r\n/ # ", Deadlines.Event);
        await terminal.TypeAsync("X=7; echo x=$X\r");
        await terminal.WaitForAsync("x=7\r\n/ # ", Deadlines.Event);
        await terminal.TypeAsync("exit 6\r");
        var exit = await terminal.WaitForExitAsync(Deadlines.Event);

        Assert.True(exit == 6, $"exit code {exit}\n{terminal.Output}");
        Assert.Contains("/ # echo $GREETING\r\nhello from the pod\r\n", terminal.Output, StringComparison.Ordinal);
        Assert.Contains("command terminated with exit code 6", terminal.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_resolves_deployments_the_default_container_annotation_and_dash_c()
    {
        var ns = await fixture.CreateNamespaceAsync("exec-two");
        var manifest = """
                       apiVersion: apps/v1
                       kind: Deployment
                       metadata:
                         name: two
                       spec:
                         selector:
                           matchLabels: {app: two}
                         template:
                           metadata:
                             labels: {app: two}
                             annotations: {kubectl.kubernetes.io/default-container: second}
                           spec:
                             containers:
                             - {name: first, image: busybox, command: [sh, -c, "sleep 3600"], env: [{name: WHO, value: first}]}
                             - {name: second, image: busybox, command: [sh, -c, "sleep 3600"], env: [{name: WHO, value: second}]}
                       """;
        (await fixture.Kubectl.CreateFromManifestAsync(manifest, "-n", ns)).Succeeds();
        await fixture.Kubectl.UntilAsync(@"^two-\S+\s+2/2\s+Running\s+0\s+\S+$", "get", "pods", "-n", ns);

        (await fixture.Kubectl.RunAsync("exec", "deploy/two", "-n", ns, "--", "printenv", "WHO")).Succeeds().PrintsExactly("second\n");
        (await fixture.Kubectl.RunAsync("exec", "deploy/two", "-c", "first", "-n", ns, "--", "printenv", "WHO")).Succeeds().PrintsExactly("first\n");
        (await fixture.Kubectl.RunAsync("exec", "deploy/two", "-c", "third", "-n", ns, "--", "true")).FailsWith(1)
            .PrintsErrorLine(@"^Error from server \(BadRequest\): container third is not valid for pod two-\S+$");
    }

    [Fact]
    public async Task Exec_refusals_read_as_the_real_api_server_and_kubelet_word_them()
    {
        var ns = await SleeperAsync("exec-errors");
        var kubectl = fixture.Kubectl;
        (await kubectl.RunAsync("exec", "nope", "-n", ns, "--", "true")).FailsWith(1)
            .PrintsErrorLine("^Error from server \\(NotFound\\): pods \"nope\" not found$");
        (await kubectl.RunAsync("exec", "bb", "-n", ns, "--", "nosuchcmd")).FailsWith(1)
            .PrintsErrorLine("^error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec \"[0-9a-f]{64}\": "
                + "OCI runtime exec failed: exec failed: unable to start container process: exec: \"nosuchcmd\": executable file not found in \\$PATH: unknown$");

        (await kubectl.RunAsync("run", "done", "--image=busybox", "--restart=Never", "-n", ns, "--", "echo", "hi")).Succeeds();
        await kubectl.UntilAsync(@"^done\s+0/1\s+Completed\s+0\s+\S+$", "get", "pod", "done", "-n", ns);
        (await kubectl.RunAsync("exec", "done", "-n", ns, "--", "true")).FailsWith(1)
            .PrintsErrorLine("^error: cannot exec into a container in a completed pod; current phase is Succeeded$");

        (await kubectl.RunAsync("run", "pend", "--image=busybox", "-n", ns, "--overrides={\"spec\":{\"nodeSelector\":{\"no\":\"such-node\"}}}", "--", "sleep", "9")).Succeeds();
        (await kubectl.RunAsync("exec", "pend", "-n", ns, "--", "true")).FailsWith(1)
            .PrintsErrorLine("^Error from server \\(BadRequest\\): pod pend does not have a host assigned$");

        var initWaits = """
                        apiVersion: v1
                        kind: Pod
                        metadata:
                          name: initwait
                        spec:
                          initContainers:
                          - {name: wait, image: busybox, command: [sh, -c, "sleep 3600"]}
                          containers:
                          - {name: main, image: busybox, command: [sh, -c, "sleep 3600"]}
                        """;
        (await kubectl.CreateFromManifestAsync(initWaits, "-n", ns)).Succeeds();
        await kubectl.UntilAsync(@"^initwait\s+0/1\s+Init:0/1\s+0\s+\S+$", "get", "pod", "initwait", "-n", ns);
        (await kubectl.RunAsync("exec", "initwait", "-c", "main", "-n", ns, "--", "true")).FailsWith(1)
            .PrintsErrorLine("^error: unable to upgrade connection: container not found \\(\"main\"\\)$");
        (await kubectl.RunAsync("exec", "initwait", "-c", "wait", "-n", ns, "--", "echo", "in the init container")).Succeeds()
            .PrintsExactly("in the init container\n");
    }

    [Fact]
    public async Task Exec_needs_create_on_pods_exec_and_get_alone_is_refused()
    {
        var ns = await SleeperAsync("exec-rbac");
        var kubectl = fixture.Kubectl;
        (await kubectl.RunAsync("create", "role", "peek", "--verb=get", "--resource=pods", "--resource=pods/exec", "-n", ns)).Succeeds();
        (await kubectl.RunAsync("create", "rolebinding", "peek", "--role=peek", "--user=jane", "-n", ns)).Succeeds();
        (await kubectl.RunAsync("--as=jane", "exec", "bb", "-n", ns, "--", "echo", "hi")).FailsWith(1)
            .PrintsErrorLine($"^Error from server \\(Forbidden\\): pods \"bb\" is forbidden: User \"jane\" cannot create resource \"pods/exec\" in API group \"\" in the namespace \"{ns}\"$");

        // create alone: the WebSocket GET is refused (it also needs get), kubectl falls back to SPDY, a POST.
        (await kubectl.RunAsync("create", "role", "execer", "--verb=create", "--resource=pods/exec", "-n", ns)).Succeeds();
        (await kubectl.RunAsync("create", "role", "getpods", "--verb=get", "--resource=pods", "-n", ns)).Succeeds();
        (await kubectl.RunAsync("delete", "rolebinding", "peek", "-n", ns)).Succeeds();
        (await kubectl.RunAsync("create", "rolebinding", "execer", "--role=execer", "--user=jane", "-n", ns)).Succeeds();
        (await kubectl.RunAsync("create", "rolebinding", "getpods", "--role=getpods", "--user=jane", "-n", ns)).Succeeds();
        (await kubectl.RunAsync("--as=jane", "exec", "bb", "-n", ns, "--", "echo", "hi")).Succeeds().PrintsExactly("hi\n");
    }

    [Fact]
    public async Task Exec_into_a_server_image_reaches_its_own_port_on_localhost()
    {
        var ns = await fixture.CreateNamespaceAsync("exec-nginx");
        (await fixture.Kubectl.RunAsync("run", "web", "--image=nginx", "-n", ns)).Succeeds();
        await fixture.Kubectl.UntilAsync(@"^web\s+1/1\s+Running\s+0\s+\S+$", "get", "pod", "web", "-n", ns);
        (await fixture.Kubectl.RunAsync("exec", "web", "-n", ns, "--", "curl", "-s", "http://localhost/")).Succeeds()
            .PrintsLine("^<title>Welcome to nginx!</title>$");
    }

    private async Task<CommandResult> SpdyKubectlAsync(string[] arguments, string? stdin)
    {
        var home = TempDirs.Create("exec-home");
        try
        {
            var command = new ToolCommand(RepoPaths.Tool("kubectl"),
                ["--kubeconfig", fixture.Emulator.KubeconfigPath, "--cache-dir", Path.Combine(home, "cache"), .. arguments],
                new Dictionary<string, string?> { ["HOME"] = home, ["KUBECONFIG"] = null, ["KUBECTL_REMOTE_COMMAND_WEBSOCKETS"] = "false" });
            return await ProcessRunner.RunAsync(command, stdin, Kubectl.DefaultTimeout, fixture.Emulator.RecentOutput);
        }
        finally
        {
            TempDirs.TryDelete(home);
        }
    }
}
