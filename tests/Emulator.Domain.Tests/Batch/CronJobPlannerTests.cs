using System.Text.Json.Nodes;
using Emulator.Domain.Workloads.Jobs;

namespace Emulator.Domain.Tests.Batch;

public sealed class CronJobPlannerTests
{
    private static DateTimeOffset At(string utc) => DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture);

    private static JsonObject CronJob(string created, string? lastSchedule = null, long? startingDeadline = null)
    {
        var cj = JsonNode.Parse("""
            {"apiVersion":"batch/v1","kind":"CronJob","metadata":{"name":"tick","namespace":"default","uid":"cj-uid"},
             "spec":{"schedule":"*/1 * * * *","successfulJobsHistoryLimit":3,"failedJobsHistoryLimit":1,
                     "jobTemplate":{"metadata":{"labels":{"team":"a"}},"spec":{"template":{"spec":{"restartPolicy":"OnFailure","containers":[{"name":"c","image":"busybox"}]}}}}},
             "status":{}}
            """)!.AsObject();
        cj["metadata"]!["creationTimestamp"] = created;
        if (lastSchedule is not null) cj["status"]!["lastScheduleTime"] = lastSchedule;
        if (startingDeadline is { } d) cj["spec"]!["startingDeadlineSeconds"] = d;
        return cj;
    }

    [Fact]
    public void Job_names_are_the_cron_job_name_and_the_scheduled_minute_since_the_epoch() =>
        Assert.Equal("tick-29928196", CronJobPlanner.JobName("tick", At("2026-11-26T11:16:00Z")));

    [Fact]
    public void Nothing_is_due_before_the_first_activation_after_creation()
    {
        var (scheduled, missed) = CronJobPlanner.MostRecent(CronJob("2026-01-01T10:00:10Z"), CronSchedule.Parse("*/1 * * * *"), At("2026-01-01T10:00:50Z"));
        Assert.Null(scheduled);
        Assert.Equal(0, missed);
    }

    [Fact]
    public void The_most_recent_missed_activation_is_due_and_the_missed_ones_are_counted()
    {
        var (scheduled, missed) = CronJobPlanner.MostRecent(
            CronJob("2026-01-01T10:00:10Z", lastSchedule: "2026-01-01T10:01:00Z"), CronSchedule.Parse("*/1 * * * *"), At("2026-01-01T10:04:30Z"));
        Assert.Equal(At("2026-01-01T10:04:00Z"), scheduled);
        Assert.Equal(3, missed);
    }

    [Fact]
    public void Starting_deadline_moves_the_earliest_time_up()
    {
        var (scheduled, missed) = CronJobPlanner.MostRecent(
            CronJob("2026-01-01T00:00:00Z", startingDeadline: 150), CronSchedule.Parse("*/1 * * * *"), At("2026-01-01T10:04:30Z"));
        Assert.Equal(At("2026-01-01T10:04:00Z"), scheduled);
        // Only 10:03 and 10:04 lie after now - 150s = 10:02:00.
        Assert.Equal(2, missed);
    }

    [Fact]
    public void Jobs_from_the_template_carry_labels_owner_and_scheduled_timestamp()
    {
        var job = CronJobPlanner.JobFromTemplate(CronJob("2026-01-01T00:00:00Z"), At("2026-01-01T10:04:00Z"), TimeZoneInfo.Utc);
        Assert.Equal("tick-29454364", (string?)job["metadata"]!["name"]);
        Assert.Equal("a", (string?)job["metadata"]!["labels"]!["team"]);
        Assert.Equal("2026-01-01T10:04:00Z", (string?)job["metadata"]!["annotations"]![CronJobPlanner.ScheduledTimestampAnnotation]);
        Assert.Equal("CronJob", (string?)job["metadata"]!["ownerReferences"]![0]!["kind"]);
        Assert.Equal("OnFailure", (string?)job["spec"]!["template"]!["spec"]!["restartPolicy"]);
    }

    [Fact]
    public void Finished_jobs_beyond_the_history_limits_are_pruned_oldest_first()
    {
        static JsonObject Job(string name, string start, string type) => new()
        {
            ["metadata"] = new JsonObject { ["name"] = name },
            ["status"] = new JsonObject
            {
                ["startTime"] = start,
                ["conditions"] = new JsonArray(new JsonObject { ["type"] = type, ["status"] = "True" }),
            },
        };
        var jobs = new[]
        {
            Job("s1", "2026-01-01T10:01:00Z", "Complete"), Job("s2", "2026-01-01T10:02:00Z", "Complete"),
            Job("s3", "2026-01-01T10:03:00Z", "Complete"), Job("s4", "2026-01-01T10:04:00Z", "Complete"),
            Job("f1", "2026-01-01T10:01:30Z", "Failed"), Job("f2", "2026-01-01T10:02:30Z", "Failed"),
        };
        var pruned = CronJobPlanner.JobsToPrune(CronJob("2026-01-01T00:00:00Z"), jobs).Select(j => j["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal(["s1", "f1"], pruned);
    }

    [Theory]
    [InlineData("Allow", null, false, 1, "2026-01-01T10:04:10Z", CronRunDecision.Create)]
    [InlineData("Forbid", null, false, 1, "2026-01-01T10:04:10Z", CronRunDecision.Forbidden)]
    [InlineData("Forbid", null, false, 0, "2026-01-01T10:04:10Z", CronRunDecision.Create)]
    [InlineData("Replace", null, false, 1, "2026-01-01T10:04:10Z", CronRunDecision.Create)]
    [InlineData("Allow", null, true, 0, "2026-01-01T10:04:10Z", CronRunDecision.AlreadyRan)]
    [InlineData("Allow", 5L, false, 0, "2026-01-01T10:04:10Z", CronRunDecision.Missed)]
    [InlineData("Allow", 30L, false, 0, "2026-01-01T10:04:10Z", CronRunDecision.Create)]
    public void Concurrency_policy_and_starting_deadline_decide_whether_a_due_run_starts(
        string policy, long? startingDeadline, bool exists, int active, string now, CronRunDecision expected)
    {
        var cj = CronJob("2026-01-01T00:00:00Z", startingDeadline: startingDeadline);
        cj["spec"]!["concurrencyPolicy"] = policy;
        Assert.Equal(expected, CronJobPlanner.Decide(cj, At("2026-01-01T10:04:00Z"), At(now), exists, active));
    }
}
