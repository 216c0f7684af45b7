using Emulator.E2E.Tests.Harness;

namespace Emulator.E2E.Tests.Kubelet;

/// <summary>
/// busybox and alpine containers run their command line in the kubelet's sh interpreter: what they print is the pod
/// log, and the container exits when the script ends, with restartPolicy deciding what the pod does next.
/// </summary>
[Collection(SharedEmulatorCollection.Name)]
public sealed class ContainerCommandTests(EmulatorFixture fixture)
{
    [Fact]
    public async Task Kubectl_run_echo_with_restart_never_completes_and_its_log_says_hello()
    {
        var ns = await fixture.CreateNamespaceAsync("hi");
        var kubectl = fixture.Kubectl;
        (await kubectl.RunAsync("run", "hi", "--image=busybox", "--restart=Never", "-n", ns, "--", "echo", "hello")).Succeeds()
            .PrintsExactly("pod/hi created\n");
        await kubectl.UntilAsync(@"^hi\s+0/1\s+Completed\s+0\s+\S+$", "get", "pod", "hi", "-n", ns);
        (await kubectl.RunAsync("logs", "hi", "-n", ns)).Succeeds().PrintsExactly("hello\n");
        (await kubectl.RunAsync("get", "pod", "hi", "-n", ns, "-o",
                "jsonpath={.status.phase} {.status.containerStatuses[0].state.terminated.exitCode} {.status.containerStatuses[0].state.terminated.reason}"))
            .Succeeds().PrintsExactly("Succeeded 0 Completed");
        (await kubectl.RunAsync("get", "pods", "-n", ns, "--field-selector", "status.phase=Succeeded", "-o", "name")).Succeeds().PrintsExactly("pod/hi\n");
    }

    [Fact]
    public async Task A_script_that_exits_non_zero_under_restart_never_fails_the_pod_with_its_exit_code()
    {
        var ns = await fixture.CreateNamespaceAsync("fail");
        var kubectl = fixture.Kubectl;
        (await kubectl.RunAsync("run", "oops", "--image=alpine", "--restart=Never", "-n", ns, "--command", "--",
            "sh", "-c", "echo about to fail; echo on stderr >&2; exit 3")).Succeeds();
        await kubectl.UntilAsync(@"^oops\s+0/1\s+Error\s+0\s+\S+$", "get", "pod", "oops", "-n", ns);
        (await kubectl.RunAsync("get", "pod", "oops", "-n", ns, "-o",
                "jsonpath={.status.phase} {.status.containerStatuses[0].state.terminated.exitCode} {.status.containerStatuses[0].state.terminated.reason}"))
            .Succeeds().PrintsExactly("Failed 3 Error");
        (await kubectl.RunAsync("logs", "oops", "-n", ns)).Succeeds().PrintsExactly("about to fail\non stderr\n");
    }

    [Fact]
    public async Task A_crashing_container_under_restart_always_goes_into_crash_loop_back_off_and_previous_shows_the_last_run()
    {
        var ns = await fixture.CreateNamespaceAsync("crash");
        var kubectl = fixture.Kubectl;
        (await kubectl.RunAsync("run", "crash", "--image=busybox", "-n", ns, "--", "sh", "-c", "echo run $HOSTNAME; exit 1")).Succeeds();
        await kubectl.UntilAsync(@"^crash\s+0/1\s+CrashLoopBackOff\s+[1-9]\d* \(\S+ ago\)\s+\S+$", "get", "pod", "crash", "-n", ns);
        var state = await kubectl.RunAsync("get", "pod", "crash", "-n", ns, "-o", "jsonpath={.status.phase} {.status.containerStatuses[0].lastState.terminated.exitCode} "
            + "{.status.containerStatuses[0].lastState.terminated.reason} {.status.containerStatuses[0].state.waiting.message}");
        state.Succeeds().PrintsLine(@"^Running 1 Error back-off \d+s restarting failed container=crash pod=crash_" + ns + @"\([0-9a-f-]{36}\)$");
        (await kubectl.RunAsync("logs", "crash", "-n", ns, "--previous")).Succeeds().PrintsExactly("run crash\n");
        (await kubectl.RunAsync("get", "events", "-n", ns, "--field-selector", "involvedObject.name=crash")).Succeeds()
            .PrintsLine(@"Warning\s+BackOff\s+pod/crash\s+Back-off restarting failed container crash in pod crash_" + ns + @"\([0-9a-f-]{36}\)$")
            .PrintsLine(@"Normal\s+Pulled\s+pod/crash\s+Container image ""busybox"" already present on machine$");
    }

    [Fact]
    public async Task Restart_on_failure_completes_a_pod_whose_script_succeeds()
    {
        var ns = await fixture.CreateNamespaceAsync("onfail");
        var kubectl = fixture.Kubectl;
        (await kubectl.RunAsync("run", "job", "--image=busybox", "--restart=OnFailure", "-n", ns, "--",
            "sh", "-c", "for i in 1 2 3; do echo step $i; done; true")).Succeeds();
        await kubectl.UntilAsync(@"^job\s+0/1\s+Completed\s+0\s+\S+$", "get", "pod", "job", "-n", ns);
        (await kubectl.RunAsync("logs", "job", "-n", ns)).Succeeds().PrintsExactly("step 1\nstep 2\nstep 3\n");
    }

    [Fact]
    public async Task The_counter_loop_from_the_logging_docs_streams_with_follow_and_tail()
    {
        var ns = await fixture.CreateNamespaceAsync("counter");
        var kubectl = fixture.Kubectl;
        (await kubectl.RunAsync("run", "counter", "--image=busybox", "-n", ns, "--command", "--",
            "/bin/sh", "-c", """i=0; while true; do echo "$i: $(date)"; i=$((i+1)); sleep 0.2; done""")).Succeeds();
        await kubectl.UntilAsync(@"^counter\s+1/1\s+Running\s+0\s+\S+$", "get", "pod", "counter", "-n", ns);
        await using var follow = kubectl.Start("logs", "-f", "counter", "-n", ns);
        await follow.WaitForStdoutLineAsync(@"^0: \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d UTC \d{4}$", Deadlines.Event);
        await follow.WaitForStdoutLineAsync(@"^5: ", Deadlines.Event);
        var tail = await kubectl.RunAsync("logs", "counter", "-n", ns, "--tail=1");
        tail.Succeeds();
        Assert.Single(tail.StdoutLines);
        Assert.Matches(@"^\d+: ", tail.StdoutLines[0]);
    }

    [Fact]
    public async Task The_container_sees_its_hostname_and_environment()
    {
        var ns = await fixture.CreateNamespaceAsync("envcmd");
        var kubectl = fixture.Kubectl;
        (await kubectl.RunAsync("run", "who", "--image=busybox", "--restart=Never", "--env=GREETING=hi there", "-n", ns, "--",
            "sh", "-c", "hostname; cat /etc/hostname; printenv GREETING; echo \"$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT\"; env | sort")).Succeeds();
        // sort is not emulated: the container idles and says so instead of faking output.
        await kubectl.UntilAsync("CommandNotEmulated", "get", "events", "-n", ns, "--field-selector", "involvedObject.name=who");
        (await kubectl.RunAsync("get", "events", "-n", ns, "--field-selector", "involvedObject.name=who")).Succeeds()
            .PrintsLine(@"Warning\s+CommandNotEmulated\s+pod/who\s+The command \[sh -c .*\] is not emulated \(unknown command sort\): the container runs idle and writes nothing$");
        (await kubectl.RunAsync("logs", "who", "-n", ns)).Succeeds().PrintsExactly("");

        (await kubectl.RunAsync("run", "env", "--image=busybox", "--restart=Never", "--env=GREETING=hi there", "-n", ns, "--",
            "sh", "-c", "hostname; cat /etc/hostname; printenv GREETING; echo \"$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT\"")).Succeeds();
        await kubectl.UntilAsync(@"^env\s+0/1\s+Completed\s+", "get", "pod", "env", "-n", ns);
        (await kubectl.RunAsync("logs", "env", "-n", ns)).Succeeds().PrintsLine("^env$").PrintsLine("^hi there$").PrintsLine(@"^127\.96\.0\.1:443$");
    }

    [Fact]
    public async Task Busybox_without_a_command_runs_a_shell_with_no_terminal_that_exits_at_once()
    {
        var ns = await fixture.CreateNamespaceAsync("bare");
        var kubectl = fixture.Kubectl;
        (await kubectl.RunAsync("run", "bare", "--image=busybox", "--restart=Never", "-n", ns)).Succeeds();
        await kubectl.UntilAsync(@"^bare\s+0/1\s+Completed\s+0\s+\S+$", "get", "pod", "bare", "-n", ns);
        (await kubectl.RunAsync("run", "sleeper", "--image=busybox", "-n", ns, "--", "sleep", "3600")).Succeeds();
        await kubectl.UntilAsync(@"^sleeper\s+1/1\s+Running\s+0\s+\S+$", "get", "pod", "sleeper", "-n", ns);
    }
}
