using System.Text.Json.Nodes;
using Emulator.Domain.Resources.Batch.Jobs;
using Emulator.Domain.Workloads.Jobs;

namespace Emulator.Domain.Tests.Batch;

public sealed class JobPlannerTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-01-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    private static JsonObject Job(string spec = "{}", string status = "{}")
    {
        var job = JsonNode.Parse("""
            {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"work","namespace":"default","uid":"job-uid"},
             "spec":{"template":{"spec":{"restartPolicy":"Never","containers":[{"name":"c","image":"busybox"}]}}},
             "status":{}}
            """)!.AsObject();
        foreach (var (key, value) in JsonNode.Parse(spec)!.AsObject()) job["spec"]![key] = value?.DeepClone();
        new JobStrategy().PrepareForCreate(job);
        job["status"] = JsonNode.Parse(status);
        return job;
    }

    private static JsonObject Pod(string uid, string phase, bool finalizer = true, string? finishedAt = null, int? index = null, bool deleting = false)
    {
        var meta = new JsonObject
        {
            ["name"] = "work-" + uid, ["uid"] = uid,
            ["ownerReferences"] = new JsonArray(new JsonObject { ["kind"] = "Job", ["name"] = "work", ["uid"] = "job-uid", ["controller"] = true }),
        };
        if (finalizer) meta["finalizers"] = new JsonArray(JobPods.TrackingFinalizer);
        if (index is { } i) meta["annotations"] = new JsonObject { [JobPods.CompletionIndexKey] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (deleting) meta["deletionTimestamp"] = "2026-01-01T09:59:59Z";
        var status = new JsonObject { ["phase"] = phase };
        if (finishedAt is not null)
            status["containerStatuses"] = new JsonArray(new JsonObject { ["state"] = new JsonObject { ["terminated"] = new JsonObject { ["finishedAt"] = finishedAt } } });
        return new JsonObject { ["metadata"] = meta, ["status"] = status };
    }

    private static string? Condition(JsonObject status, string type) =>
        (status["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => (string?)c["type"] == type)?["reason"]?.GetValue<string>();

    [Fact]
    public void Defaults_generate_the_selector_and_the_four_template_labels()
    {
        var job = Job();
        var spec = job["spec"]!;
        Assert.Equal(1, (int)spec["completions"]!);
        Assert.Equal(1, (int)spec["parallelism"]!);
        Assert.Equal(6, (int)spec["backoffLimit"]!);
        Assert.Equal("NonIndexed", (string?)spec["completionMode"]);
        Assert.Equal("TerminatingOrFailed", (string?)spec["podReplacementPolicy"]);
        Assert.False((bool)spec["manualSelector"]!);
        Assert.False((bool)spec["suspend"]!);
        Assert.Equal("job-uid", (string?)spec["selector"]!["matchLabels"]!["batch.kubernetes.io/controller-uid"]);
        var labels = spec["template"]!["metadata"]!["labels"]!.AsObject();
        Assert.Equal(["batch.kubernetes.io/controller-uid", "batch.kubernetes.io/job-name", "controller-uid", "job-name"], labels.Select(l => l.Key).Order());
        Assert.Equal("work", (string?)job["metadata"]!["labels"]!["job-name"]);
    }

    [Fact]
    public void A_new_job_starts_and_creates_up_to_parallelism_but_not_beyond_completions()
    {
        var plan = JobPlanner.Plan(Job("""{"completions":4,"parallelism":2}"""), [], Now);
        Assert.Equal(2, plan.Create);
        Assert.Equal(2, (int)plan.Status["active"]!);
        Assert.Equal("2026-01-01T10:00:00Z", (string?)plan.Status["startTime"]);

        var nearlyDone = Job("""{"completions":4,"parallelism":2}""", """{"succeeded":3,"startTime":"2026-01-01T09:00:00Z"}""");
        Assert.Equal(1, JobPlanner.Plan(nearlyDone, [], Now).Create);
    }

    [Fact]
    public void Finished_pods_are_first_recorded_as_uncounted_then_counted_once_their_finalizer_is_gone()
    {
        var job = Job(status: """{"startTime":"2026-01-01T09:00:00Z"}""");
        var done = Pod("p1", "Succeeded");
        var tracking = JobPlanner.Track(job, [done]);
        Assert.True(tracking.Changed);
        Assert.Equal(["p1"], tracking.Status["uncountedTerminatedPods"]!["succeeded"]!.AsArray().Select(n => (string)n!));
        Assert.Same(done, Assert.Single(tracking.RemoveFinalizer));

        job["status"] = tracking.Status;
        var plan = JobPlanner.Plan(job, [Pod("p1", "Succeeded", finalizer: false)], Now);
        Assert.Equal(1, (int)plan.Status["succeeded"]!);
        Assert.Empty(plan.Status["uncountedTerminatedPods"]!.AsObject());
        Assert.Equal("CompletionsReached", Condition(plan.Status, "SuccessCriteriaMet"));
        Assert.Equal("CompletionsReached", Condition(plan.Status, "Complete"));
        Assert.Equal("2026-01-01T10:00:00Z", (string?)plan.Status["completionTime"]);
        Assert.Equal(0, (int)plan.Status["ready"]!);
        Assert.Equal(0, (int)plan.Status["terminating"]!);
        Assert.Contains(("Normal", "Completed", "Job completed"), plan.Events);
    }

    [Fact]
    public void Complete_waits_while_a_succeeded_pod_is_still_uncounted()
    {
        var job = Job(status: """{"startTime":"2026-01-01T09:00:00Z","uncountedTerminatedPods":{"succeeded":["p1"]}}""");
        var plan = JobPlanner.Plan(job, [Pod("p1", "Succeeded")], Now);
        Assert.Equal("CompletionsReached", Condition(plan.Status, "SuccessCriteriaMet"));
        Assert.Null(Condition(plan.Status, "Complete"));
        Assert.Equal(0, plan.Create);
    }

    [Fact]
    public void Failures_beyond_the_backoff_limit_fail_the_job_through_failure_target()
    {
        var job = Job("""{"backoffLimit":1}""", """{"failed":2,"startTime":"2026-01-01T09:00:00Z","uncountedTerminatedPods":{}}""");
        var plan = JobPlanner.Plan(job, [Pod("a", "Failed", false), Pod("b", "Failed", false)], Now);
        Assert.Equal("BackoffLimitExceeded", Condition(plan.Status, "FailureTarget"));
        Assert.Equal("BackoffLimitExceeded", Condition(plan.Status, "Failed"));
        var failed = plan.Status["conditions"]!.AsArray().OfType<JsonObject>().Single(c => (string?)c["type"] == "Failed");
        Assert.Equal("Job has reached the specified backoff limit", (string?)failed["message"]);
        Assert.Null(plan.Status["completionTime"]);
        Assert.Contains(("Warning", "BackoffLimitExceeded", "Job has reached the specified backoff limit"), plan.Events);
    }

    [Fact]
    public void A_failed_pod_delays_its_replacement_by_the_exponential_back_off()
    {
        var job = Job(status: """{"failed":1,"startTime":"2026-01-01T09:00:00Z"}""");
        var plan = JobPlanner.Plan(job, [Pod("a", "Failed", false, finishedAt: "2026-01-01T09:59:56Z")], Now);
        Assert.Equal(0, plan.Create);
        Assert.Equal(TimeSpan.FromSeconds(6), plan.RequeueAfter);

        var later = JobPlanner.Plan(job, [Pod("a", "Failed", false, finishedAt: "2026-01-01T09:59:40Z")], Now);
        Assert.Equal(1, later.Create);
        Assert.Equal(TimeSpan.FromSeconds(40), JobPlanner.Backoff(3));
        Assert.Equal(TimeSpan.FromMinutes(10), JobPlanner.Backoff(12));
    }

    [Fact]
    public void Past_the_active_deadline_running_pods_are_deleted_and_the_job_fails_once_they_are_gone()
    {
        var job = Job("""{"activeDeadlineSeconds":30}""", """{"startTime":"2026-01-01T09:59:00Z"}""");
        var running = Pod("r", "Running");
        var plan = JobPlanner.Plan(job, [running], Now);
        Assert.Same(running, Assert.Single(plan.Delete));
        Assert.True(plan.DeleteKeepsFinalizer);
        Assert.Equal("DeadlineExceeded", Condition(plan.Status, "FailureTarget"));
        Assert.Null(Condition(plan.Status, "Failed"));
        Assert.Equal(1, (int)plan.Status["terminating"]!);

        job["status"] = plan.Status;
        var tracking = JobPlanner.Track(job, [Pod("r", "Running", deleting: true)]);
        Assert.Equal(["r"], tracking.Status["uncountedTerminatedPods"]!["failed"]!.AsArray().Select(n => (string)n!));
        job["status"] = tracking.Status;
        var final = JobPlanner.Plan(job, [], Now);
        Assert.Equal("DeadlineExceeded", Condition(final.Status, "Failed"));
        Assert.Equal(1, (int)final.Status["failed"]!);
    }

    [Fact]
    public void Before_the_deadline_the_job_is_looked_at_again_when_it_expires()
    {
        var job = Job("""{"activeDeadlineSeconds":90}""", """{"startTime":"2026-01-01T09:59:00Z"}""");
        Assert.Equal(TimeSpan.FromSeconds(30), JobPlanner.Plan(job, [Pod("r", "Running")], Now).RequeueAfter);
    }

    [Fact]
    public void A_suspended_job_deletes_its_pods_and_says_so()
    {
        var job = Job("""{"suspend":true}""", """{"startTime":"2026-01-01T09:00:00Z"}""");
        var plan = JobPlanner.Plan(job, [Pod("r", "Running")], Now);
        Assert.Single(plan.Delete);
        Assert.False(plan.DeleteKeepsFinalizer);
        Assert.Equal("JobSuspended", Condition(plan.Status, "Suspended"));
        Assert.Contains(("Normal", "Suspended", "Job suspended"), plan.Events);
        Assert.Null(plan.Status["active"]);
    }

    [Fact]
    public void Indexed_jobs_create_the_missing_indexes_and_record_completed_ones()
    {
        var job = Job("""{"completions":5,"parallelism":3,"completionMode":"Indexed"}""", """{"startTime":"2026-01-01T09:00:00Z","completedIndexes":"0"}""");
        var pods = new[] { Pod("a", "Succeeded", index: 2), Pod("b", "Running", index: 1), Pod("z", "Succeeded", false, index: 0) };
        var tracking = JobPlanner.Track(job, pods);
        Assert.Equal("0,2", (string?)tracking.Status["completedIndexes"]);
        job["status"] = tracking.Status;
        var plan = JobPlanner.Plan(job, [Pod("a", "Succeeded", false, index: 2), pods[1], pods[2]], Now);
        Assert.Equal(2, (int)plan.Status["succeeded"]!);
        Assert.Equal([3, 4], plan.CreateIndexes);
    }

    [Fact]
    public void Indexed_pods_carry_their_index_as_annotation_label_hostname_and_environment()
    {
        var pod = JobPods.FromTemplate(Job("""{"completions":3,"completionMode":"Indexed"}"""), 2);
        Assert.Equal("work-2-", (string?)pod["metadata"]!["generateName"]);
        Assert.Equal("2", (string?)pod["metadata"]!["annotations"]![JobPods.CompletionIndexKey]);
        Assert.Equal("2", (string?)pod["metadata"]!["labels"]![JobPods.CompletionIndexKey]);
        Assert.Equal("work-2", (string?)pod["spec"]!["hostname"]);
        Assert.Equal(JobPods.TrackingFinalizer, (string?)pod["metadata"]!["finalizers"]![0]);
        var env = pod["spec"]!["containers"]![0]!["env"]![0]!;
        Assert.Equal("JOB_COMPLETION_INDEX", (string?)env["name"]);
    }

    [Theory]
    [InlineData(new[] { 1, 3, 4, 5, 7 }, "1,3-5,7")]
    [InlineData(new[] { 0, 1 }, "0,1")]
    [InlineData(new int[0], "")]
    [InlineData(new[] { 2, 0, 1, 9 }, "0-2,9")]
    public void Completed_indexes_compress_runs_of_three_or_more(int[] indexes, string text)
    {
        Assert.Equal(text, CompletedIndexes.Format(indexes));
        Assert.Equal(indexes.Order(), CompletedIndexes.Parse(text, 100));
    }
}
