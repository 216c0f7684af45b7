using System.Globalization;
using Emulator.E2E.Tests.Harness;

namespace Emulator.E2E.Tests.Jobs;

/// <summary>batch/v1 CronJobs with real kubectl: the schedule fires a Job on the minute, and kubectl reads it back.</summary>
[Collection(SharedEmulatorCollection.Name)]
public sealed class CronJobTests(EmulatorFixture fixture)
{
    private static readonly TimeSpan Run = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task An_every_minute_cron_job_creates_a_job_named_after_its_scheduled_minute()
    {
        var ns = await fixture.CreateNamespaceAsync("cron");
        var kubectl = fixture.Kubectl;
        (await kubectl.RunAsync("create", "cronjob", "tick", "--image=busybox", "--schedule=*/1 * * * *", "-n", ns, "--", "echo", "tick")).Succeeds()
            .PrintsExactly("cronjob.batch/tick created\n");
        (await kubectl.RunAsync("get", "cronjob", "tick", "-n", ns)).Succeeds()
            .PrintsHeader(@"^NAME\s+SCHEDULE\s+TIMEZONE\s+SUSPEND\s+ACTIVE\s+LAST SCHEDULE\s+AGE$")
            .PrintsLine(@"^tick\s+\*/1 \* \* \* \*\s+<none>\s+False\s+[01]\s+(<none>|\d+s)\s+\d+s$");
        (await kubectl.RunAsync("get", "cj", "tick", "-n", ns, "-o", "wide")).Succeeds()
            .PrintsHeader(@"^NAME\s+SCHEDULE\s+TIMEZONE\s+SUSPEND\s+ACTIVE\s+LAST SCHEDULE\s+AGE\s+CONTAINERS\s+IMAGES\s+SELECTOR$")
            .PrintsLine(@"^tick\s+\*/1 \* \* \* \*\s+<none>\s+False\s+\d\s+\S+\s+\S+\s+tick\s+busybox\s+<none>$");

        // Within the minute (the deadline allows for a loaded machine) a job appears and completes.
        string job = "";
        await JobTests.PollAsync(async () =>
        {
            job = (await kubectl.RunAsync("get", "jobs", "-n", ns, "-o", "jsonpath={.items[0].metadata.name}")).Stdout;
            return job.Length > 0;
        }, "the cron job's first job");
        Assert.Matches(@"^tick-\d+$", job);
        (await kubectl.RunAsync(["wait", "--for=condition=complete", $"job/{job}", "-n", ns, "--timeout=100s"], null, Run)).Succeeds();
        (await kubectl.RunAsync("logs", $"job/{job}", "-n", ns)).Succeeds().PrintsExactly("tick\n");

        // The name is the scheduled time in minutes since the epoch, recorded in the job's annotation.
        var scheduled = (await kubectl.RunAsync("get", "job", job, "-n", ns, "-o",
            "jsonpath={.metadata.annotations.batch\\.kubernetes\\.io/cronjob-scheduled-timestamp}")).Succeeds().Stdout;
        var minutes = DateTimeOffset.Parse(scheduled, CultureInfo.InvariantCulture).ToUnixTimeSeconds() / 60;
        Assert.Equal($"tick-{minutes.ToString(CultureInfo.InvariantCulture)}", job);
        (await kubectl.RunAsync("get", "job", job, "-n", ns, "-o", "jsonpath={.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name}")).Succeeds()
            .PrintsExactly("CronJob/tick");

        await JobTests.PollAsync(async () =>
            (await kubectl.RunAsync("get", "cronjob", "tick", "-n", ns, "-o", "jsonpath={.status.lastSuccessfulTime}")).Stdout.Length > 0,
            "lastSuccessfulTime after the job completed");
        (await kubectl.RunAsync("get", "cronjob", "tick", "-n", ns, "-o", "jsonpath={.status.lastScheduleTime}")).Succeeds()
            .PrintsExactly(DateTimeOffset.FromUnixTimeSeconds(minutes * 60).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        (await kubectl.RunAsync("get", "cronjob", "tick", "-n", ns, "--no-headers")).Succeeds()
            .PrintsLine(@"^tick\s+\*/1 \* \* \* \*\s+<none>\s+False\s+[01]\s+\d+s\s+\S+$");
        (await kubectl.RunAsync("describe", "cronjob", "tick", "-n", ns)).Succeeds()
            .PrintsLine($@"^\s+Normal\s+SuccessfulCreate\s+\S+\s+cronjob-controller\s+Created job {job}$");
    }

    [Fact]
    public async Task Create_job_from_a_cron_job_runs_its_template_now()
    {
        var ns = await fixture.CreateNamespaceAsync("cronfrom");
        var kubectl = fixture.Kubectl;
        (await kubectl.RunAsync("create", "cronjob", "nightly", "--image=busybox", "--schedule=0 3 * * *", "-n", ns, "--", "echo", "by hand")).Succeeds();
        (await kubectl.RunAsync("create", "job", "now", "--from=cronjob/nightly", "-n", ns)).Succeeds().PrintsExactly("job.batch/now created\n");
        (await kubectl.RunAsync(["wait", "--for=condition=complete", "job/now", "-n", ns, "--timeout=100s"], null, Run)).Succeeds();
        (await kubectl.RunAsync("logs", "job/now", "-n", ns)).Succeeds().PrintsExactly("by hand\n");
        (await kubectl.RunAsync("get", "job", "now", "-n", ns, "-o", "jsonpath={.metadata.annotations.cronjob\\.kubernetes\\.io/instantiate} {.spec.template.spec.restartPolicy}")).Succeeds()
            .PrintsExactly("manual OnFailure");
        (await kubectl.RunAsync("get", "cronjob", "nightly", "-n", ns, "--no-headers")).Succeeds()
            .PrintsLine(@"^nightly\s+0 3 \* \* \*\s+<none>\s+False\s+0\s+<none>\s+\S+$");
    }

    [Fact]
    public async Task Cron_jobs_are_validated_as_the_real_api_server_words_it()
    {
        var ns = await fixture.CreateNamespaceAsync("cronval");
        var kubectl = fixture.Kubectl;
        (await kubectl.RunAsync("create", "cronjob", "bad", "--image=busybox", "--schedule=61 * * * *", "-n", ns, "--", "echo")).FailsWith(1)
            .PrintsErrorLine("^error: failed to create cronjob: CronJob.batch \"bad\" is invalid: spec.schedule: Invalid value: \"61 \\* \\* \\* \\*\": end of range \\(61\\) above maximum \\(59\\): 61$");
        (await kubectl.RunAsync("create", "cronjob", "tz", "--image=busybox", "--schedule=CRON_TZ=UTC 0 * * * *", "-n", ns, "--", "echo")).FailsWith(1)
            .PrintsErrorLine("cannot use TZ or CRON_TZ in schedule, use timeZone field instead$");
        const string zoned = """
            apiVersion: batch/v1
            kind: CronJob
            metadata: {name: zoned}
            spec:
              schedule: "@hourly"
              timeZone: Asia/Tokyo
              jobTemplate:
                spec:
                  template:
                    spec:
                      restartPolicy: Never
                      containers: [{name: c, image: busybox}]
            """;
        (await kubectl.CreateFromManifestAsync(zoned, "-n", ns)).Succeeds();
        (await kubectl.RunAsync("get", "cronjob", "zoned", "-n", ns, "--no-headers")).Succeeds()
            .PrintsLine(@"^zoned\s+@hourly\s+Asia/Tokyo\s+False\s+0\s+<none>\s+\S+$");
    }

    [Fact]
    public async Task A_forbid_cron_job_skips_a_run_while_the_previous_job_is_still_running()
    {
        var ns = await fixture.CreateNamespaceAsync("cronforbid");
        var kubectl = fixture.Kubectl;
        const string forbid = """
            apiVersion: batch/v1
            kind: CronJob
            metadata: {name: long}
            spec:
              schedule: "* * * * *"
              concurrencyPolicy: Forbid
              jobTemplate:
                spec:
                  template:
                    spec:
                      restartPolicy: Never
                      containers: [{name: c, image: busybox, command: [sh, -c, "sleep 600"]}]
            """;
        (await kubectl.CreateFromManifestAsync(forbid, "-n", ns)).Succeeds();
        // The first run starts within a minute; the next activation finds it running and is skipped.
        await JobTests.PollAsync(async () =>
            (await kubectl.RunAsync("get", "events", "-n", ns, "--field-selector", "reason=JobAlreadyActive", "-o", "jsonpath={.items[*].message}")).Stdout
                .Contains("Not starting job because prior execution is running and concurrency policy is Forbid", StringComparison.Ordinal),
            "the JobAlreadyActive event", TimeSpan.FromSeconds(180));
        var jobs = (await kubectl.RunAsync("get", "jobs", "-n", ns, "--no-headers")).Succeeds();
        Assert.Single(jobs.StdoutLines);
        (await kubectl.RunAsync("get", "cronjob", "long", "-n", ns, "--no-headers")).Succeeds()
            .PrintsLine(@"^long\s+\* \* \* \* \*\s+<none>\s+False\s+1\s+\d+s\s+\S+$");
    }
}
