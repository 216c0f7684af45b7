using Emulator.E2E.Tests.Harness;
using Xunit.Sdk;

namespace Emulator.E2E.Tests.Jobs;

/// <summary>
/// batch/v1 Jobs with real kubectl against the shared emulator: the simulated kubelet runs busybox commands to a real
/// exit code, the job controller counts them, and kubectl wait/get/logs/describe read the result.
/// </summary>
[Collection(SharedEmulatorCollection.Name)]
public sealed class JobTests(EmulatorFixture fixture)
{
    private static readonly TimeSpan Run = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Create_job_runs_to_completion_and_its_logs_say_hello()
    {
        var ns = await fixture.CreateNamespaceAsync("job");
        var kubectl = fixture.Kubectl;
        (await kubectl.RunAsync("create", "job", "hello", "--image=busybox", "-n", ns, "--", "echo", "hello")).Succeeds()
            .PrintsExactly("job.batch/hello created\n");
        (await kubectl.RunAsync(["wait", "--for=condition=complete", "job/hello", "-n", ns, "--timeout=100s"], null, Run)).Succeeds()
            .PrintsExactly("job.batch/hello condition met\n");
        (await kubectl.RunAsync("logs", "job/hello", "-n", ns)).Succeeds().PrintsExactly("hello\n");

        (await kubectl.RunAsync("get", "jobs", "-n", ns)).Succeeds()
            .PrintsHeader(@"^NAME\s+STATUS\s+COMPLETIONS\s+DURATION\s+AGE$")
            .PrintsLine(@"^hello\s+Complete\s+1/1\s+\d+s\s+\d+s$");
        var uid = (await kubectl.RunAsync("get", "job", "hello", "-n", ns, "-o", "jsonpath={.metadata.uid}")).Succeeds().Stdout;
        (await kubectl.RunAsync("get", "job", "hello", "-n", ns, "-o", "wide")).Succeeds()
            .PrintsHeader(@"^NAME\s+STATUS\s+COMPLETIONS\s+DURATION\s+AGE\s+CONTAINERS\s+IMAGES\s+SELECTOR$")
            .PrintsLine($@"^hello\s+Complete\s+1/1\s+\S+\s+\S+\s+hello\s+busybox\s+batch.kubernetes.io/controller-uid={uid}$");
        (await kubectl.RunAsync("get", "job", "hello", "-n", ns, "-o",
            "jsonpath={range .status.conditions[*]}{.type}={.status}/{.reason}/{.message}{\"\\n\"}{end}")).Succeeds()
            .PrintsExactly("SuccessCriteriaMet=True/CompletionsReached/Reached expected number of succeeded pods\n"
                + "Complete=True/CompletionsReached/Reached expected number of succeeded pods\n");
        (await kubectl.RunAsync("get", "job", "hello", "-n", ns, "-o",
            "jsonpath={.status.succeeded} {.status.ready} {.status.terminating} {.status.uncountedTerminatedPods} {.spec.manualSelector} {.spec.podReplacementPolicy}")).Succeeds()
            .PrintsExactly("1 0 0 {} false TerminatingOrFailed");
        (await kubectl.RunAsync("get", "pods", "-n", ns, "-l", "job-name=hello", "--no-headers")).Succeeds()
            .PrintsLine(@"^hello-\w{5}\s+0/1\s+Completed\s+0\s+\S+$");
        // The tracking finalizer is gone once the pod is counted.
        (await kubectl.RunAsync("get", "pods", "-n", ns, "-l", $"batch.kubernetes.io/controller-uid={uid}", "-o", "jsonpath={.items[*].metadata.finalizers}")).Succeeds()
            .PrintsExactly("");
        (await kubectl.RunAsync("describe", "job", "hello", "-n", ns)).Succeeds()
            .PrintsLine(@"^Pods Statuses:\s+0 Active \(0 Ready\) / 1 Succeeded / 0 Failed$")
            .PrintsLine(@"^\s+Normal\s+SuccessfulCreate\s+\S+\s+job-controller\s+Created pod: hello-\w{5}$")
            .PrintsLine(@"^\s+Normal\s+Completed\s+\S+\s+job-controller\s+Job completed$");
    }

    [Fact]
    public async Task A_failing_job_retries_up_to_its_backoff_limit_then_fails()
    {
        var ns = await fixture.CreateNamespaceAsync("jobfail");
        var kubectl = fixture.Kubectl;
        (await kubectl.CreateFromManifestAsync(Manifest("fails", "backoffLimit: 1", "exit 1"), "-n", ns)).Succeeds();
        (await kubectl.RunAsync(["wait", "--for=condition=failed", "job/fails", "-n", ns, "--timeout=100s"], null, Run)).Succeeds()
            .PrintsExactly("job.batch/fails condition met\n");
        (await kubectl.RunAsync("get", "job", "fails", "-n", ns, "-o",
            "jsonpath={.status.conditions[?(@.type==\"Failed\")].reason}: {.status.conditions[?(@.type==\"Failed\")].message}")).Succeeds()
            .PrintsExactly("BackoffLimitExceeded: Job has reached the specified backoff limit");
        (await kubectl.RunAsync("get", "job", "fails", "-n", ns, "-o", "jsonpath={.status.failed} {.status.conditions[0].type}")).Succeeds()
            .PrintsExactly("2 FailureTarget");
        (await kubectl.RunAsync("get", "jobs", "-n", ns, "--no-headers")).Succeeds().PrintsLine(@"^fails\s+Failed\s+0/1\s+\S+\s+\S+$");
        var pods = (await kubectl.RunAsync("get", "pods", "-n", ns, "-l", "job-name=fails", "--no-headers")).Succeeds();
        Assert.Equal(2, pods.StdoutLines.Count(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^fails-\w{5}\s+0/1\s+Error\s+0\s")));
        (await kubectl.RunAsync("describe", "job", "fails", "-n", ns)).Succeeds()
            .PrintsLine(@"^\s+Warning\s+BackoffLimitExceeded\s+\S+\s+job-controller\s+Job has reached the specified backoff limit$");
    }

    [Fact]
    public async Task A_parallel_job_runs_its_completions_at_most_parallelism_at_a_time()
    {
        var ns = await fixture.CreateNamespaceAsync("jobpar");
        var kubectl = fixture.Kubectl;
        (await kubectl.CreateFromManifestAsync(Manifest("par", "completions: 4\n  parallelism: 2", "sleep 1; echo done"), "-n", ns)).Succeeds();
        (await kubectl.RunAsync(["wait", "--for=condition=complete", "job/par", "-n", ns, "--timeout=100s"], null, Run)).Succeeds();
        // Two at a time: the later two pods were created only once one of the first two had finished.
        var times = (await kubectl.RunAsync("get", "pods", "-n", ns, "-l", "job-name=par", "--sort-by=.metadata.creationTimestamp", "-o",
            "jsonpath={range .items[*]}{.metadata.creationTimestamp} {.status.containerStatuses[0].state.terminated.finishedAt}{\"\\n\"}{end}")).Succeeds()
            .StdoutLines.Select(l => l.Split(' ').Select(t => DateTimeOffset.Parse(t, System.Globalization.CultureInfo.InvariantCulture)).ToArray()).ToList();
        Assert.Equal(4, times.Count);
        var firstFinish = times.Take(2).Min(t => t[1]);
        Assert.All(times.Skip(2), t => Assert.True(t[0] >= firstFinish, $"pod created at {t[0]} before any of the first two finished ({firstFinish})"));

        (await kubectl.RunAsync("get", "job", "par", "-n", ns)).Succeeds()
            .PrintsHeader(@"^NAME\s+STATUS\s+COMPLETIONS\s+DURATION\s+AGE$")
            .PrintsLine(@"^par\s+Complete\s+4/4\s+\S+\s+\S+$");
        var pods = (await kubectl.RunAsync("get", "pods", "-n", ns, "-l", "job-name=par", "--no-headers")).Succeeds();
        Assert.Equal(4, pods.StdoutLines.Count(l => l.Contains(" Completed ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_indexed_job_gives_each_pod_its_completion_index()
    {
        var ns = await fixture.CreateNamespaceAsync("jobidx");
        var kubectl = fixture.Kubectl;
        (await kubectl.CreateFromManifestAsync(Manifest("idx", "completions: 3\n  parallelism: 3\n  completionMode: Indexed", "echo index $JOB_COMPLETION_INDEX"), "-n", ns)).Succeeds();
        (await kubectl.RunAsync(["wait", "--for=condition=complete", "job/idx", "-n", ns, "--timeout=100s"], null, Run)).Succeeds();
        (await kubectl.RunAsync("get", "job", "idx", "-n", ns, "-o", "jsonpath={.status.completedIndexes} {.status.succeeded}")).Succeeds()
            .PrintsExactly("0-2 3");
        var pod = (await kubectl.RunAsync("get", "pods", "-n", ns, "-l", "batch.kubernetes.io/job-completion-index=1", "-o", "jsonpath={.items[0].metadata.name}")).Succeeds().Stdout;
        Assert.Matches(@"^idx-1-\w{5}$", pod);
        (await kubectl.RunAsync("logs", pod, "-n", ns)).Succeeds().PrintsExactly("index 1\n");
        (await kubectl.RunAsync("get", "pod", pod, "-n", ns, "-o", "jsonpath={.spec.hostname}")).Succeeds().PrintsExactly("idx-1");
    }

    [Fact]
    public async Task A_suspended_job_creates_no_pods_until_resumed()
    {
        var ns = await fixture.CreateNamespaceAsync("jobsus");
        var kubectl = fixture.Kubectl;
        (await kubectl.CreateFromManifestAsync(Manifest("later", "suspend: true", "echo resumed"), "-n", ns)).Succeeds();
        await PollAsync(async () => (await kubectl.RunAsync("get", "job", "later", "-n", ns, "--no-headers")).Stdout.Contains(" Suspended ", StringComparison.Ordinal),
            "the job shows Suspended");
        (await kubectl.RunAsync("get", "job", "later", "-n", ns, "-o", "jsonpath={.status.conditions[0].reason} {.status.startTime}")).Succeeds()
            .PrintsExactly("JobSuspended ");
        (await kubectl.RunAsync("get", "pods", "-n", ns)).Succeeds().PrintsErrorLine($"^No resources found in {ns} namespace.$");
        (await kubectl.RunAsync("patch", "job", "later", "-n", ns, "-p", "{\"spec\":{\"suspend\":false}}")).Succeeds();
        (await kubectl.RunAsync(["wait", "--for=condition=complete", "job/later", "-n", ns, "--timeout=100s"], null, Run)).Succeeds();
        (await kubectl.RunAsync("get", "job", "later", "-n", ns, "-o", "jsonpath={.status.conditions[?(@.type==\"Suspended\")].status}/{.status.conditions[?(@.type==\"Suspended\")].reason}")).Succeeds()
            .PrintsExactly("False/JobResumed");
    }

    [Fact]
    public async Task A_job_past_its_active_deadline_fails_with_deadline_exceeded()
    {
        var ns = await fixture.CreateNamespaceAsync("jobdl");
        var kubectl = fixture.Kubectl;
        (await kubectl.CreateFromManifestAsync(Manifest("slow", "activeDeadlineSeconds: 2", "sleep 600"), "-n", ns)).Succeeds();
        (await kubectl.RunAsync(["wait", "--for=condition=failed", "job/slow", "-n", ns, "--timeout=100s"], null, Run)).Succeeds();
        (await kubectl.RunAsync("get", "job", "slow", "-n", ns, "-o",
            "jsonpath={.status.conditions[?(@.type==\"Failed\")].reason}: {.status.conditions[?(@.type==\"Failed\")].message} {.status.failed}")).Succeeds()
            .PrintsExactly("DeadlineExceeded: Job was active longer than specified deadline 1");
    }

    [Fact]
    public async Task Finished_jobs_with_a_ttl_are_deleted_and_deleting_a_job_deletes_its_pods()
    {
        var ns = await fixture.CreateNamespaceAsync("jobttl");
        var kubectl = fixture.Kubectl;
        (await kubectl.CreateFromManifestAsync(Manifest("brief", "ttlSecondsAfterFinished: 1", "echo bye"), "-n", ns)).Succeeds();
        (await kubectl.RunAsync(["wait", "--for=delete", "job/brief", "-n", ns, "--timeout=100s"], null, Run)).Succeeds();
        await PollAsync(async () => (await kubectl.RunAsync("get", "pods", "-n", ns, "-l", "job-name=brief")).Stderr.Contains("No resources found", StringComparison.Ordinal),
            "the ttl-deleted job's pod is gone");

        (await kubectl.RunAsync("create", "job", "keep", "--image=busybox", "-n", ns, "--", "echo", "kept")).Succeeds();
        (await kubectl.RunAsync(["wait", "--for=condition=complete", "job/keep", "-n", ns, "--timeout=100s"], null, Run)).Succeeds();
        (await kubectl.RunAsync("delete", "job", "keep", "-n", ns)).Succeeds().PrintsExactly($"job.batch \"keep\" deleted from {ns} namespace\n");
        await PollAsync(async () => (await kubectl.RunAsync("get", "pods", "-n", ns, "-l", "job-name=keep")).Stderr.Contains("No resources found", StringComparison.Ordinal),
            "the deleted job's pod is gone");
    }

    [Fact]
    public async Task Jobs_are_validated_as_the_real_api_server_words_it()
    {
        var ns = await fixture.CreateNamespaceAsync("jobval");
        var kubectl = fixture.Kubectl;
        const string always = """
            apiVersion: batch/v1
            kind: Job
            metadata: {name: always}
            spec:
              template:
                spec:
                  containers: [{name: c, image: busybox}]
            """;
        (await kubectl.CreateFromManifestAsync(always, "-n", ns)).FailsWith(1)
            .PrintsErrorLine("^The Job \"always\" is invalid: spec.template.spec.restartPolicy: Unsupported value: \"Always\": supported values: \"OnFailure\", \"Never\"$");
        (await kubectl.RunAsync("create", "job", "fixed", "--image=busybox", "-n", ns, "--", "echo")).Succeeds();
        (await kubectl.RunAsync("patch", "job", "fixed", "-n", ns, "--type=merge", "-p", "{\"spec\":{\"completions\":3}}")).FailsWith(1)
            .PrintsErrorLine("^The Job \"fixed\" is invalid: spec.completions: Invalid value: 3: field is immutable$");
        (await kubectl.RunAsync("api-resources", "--api-group=batch", "--no-headers")).Succeeds()
            .PrintsLine(@"^cronjobs\s+cj\s+batch/v1\s+true\s+CronJob$")
            .PrintsLine(@"^jobs\s+batch/v1\s+true\s+Job$");
    }

    internal static string Manifest(string name, string specLines, string script) => $"""
        apiVersion: batch/v1
        kind: Job
        metadata: {"{"}name: {name}{"}"}
        spec:
          {specLines}
          template:
            spec:
              restartPolicy: Never
              containers:
              - name: c
                image: busybox
                command: ["sh", "-c", "{script}"]
        """;

    internal static async Task PollAsync(Func<Task<bool>> condition, string what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? Run);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition()) return;
            await Task.Delay(250);
        }
        throw new XunitException($"Timed out waiting for: {what}");
    }
}
