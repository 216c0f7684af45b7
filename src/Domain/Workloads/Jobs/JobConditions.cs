using System.Text.Json.Nodes;
using Emulator.Domain.Resources;

namespace Emulator.Domain.Workloads.Jobs;

/// <summary>Job condition types, reasons and messages of the job controller, and ensureJobConditionStatus.</summary>
public static class JobConditions
{
    public const string Complete = "Complete";
    public const string Failed = "Failed";
    public const string SuccessCriteriaMet = "SuccessCriteriaMet";
    public const string FailureTarget = "FailureTarget";
    public const string Suspended = "Suspended";

    public const string BackoffLimitExceeded = "BackoffLimitExceeded";
    public const string BackoffLimitExceededMessage = "Job has reached the specified backoff limit";
    public const string DeadlineExceeded = "DeadlineExceeded";
    public const string DeadlineExceededMessage = "Job was active longer than specified deadline";
    public const string CompletionsReached = "CompletionsReached";
    public const string CompletionsReachedMessage = "Reached expected number of succeeded pods";

    public static bool IsTrue(JsonObject job, string type) =>
        Conditions.Find(job["status"]?["conditions"], type)?.Str("status") == "True";

    /// <summary>A job is finished once it has a Complete or Failed condition that is True.</summary>
    public static bool IsFinished(JsonObject job) => IsTrue(job, Complete) || IsTrue(job, Failed);

    /// <summary>When the job finished: the lastTransitionTime of its Complete or Failed condition.</summary>
    public static DateTimeOffset? FinishTime(JsonObject job) =>
        (job["status"]?["conditions"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(c => c.Str("type") is Complete or Failed && c.Str("status") == "True")
            .Select(c => PodFacts.Time(c["lastTransitionTime"])).FirstOrDefault(t => t is not null);

    public static JsonObject New(string type, string status, string reason, string message, string now) => new()
    {
        ["type"] = type, ["status"] = status, ["lastProbeTime"] = now, ["lastTransitionTime"] = now,
        ["reason"] = reason, ["message"] = message,
    };

    /// <summary>
    /// ensureJobConditionStatus: an existing condition of the type is replaced when its status, reason or message
    /// differs; a missing one is appended unless its status is False. Returns whether anything changed.
    /// </summary>
    public static bool Ensure(JsonArray conditions, string type, string status, string reason, string message, string now)
    {
        var current = Conditions.Find(conditions, type);
        if (current is not null)
        {
            if (current.Str("status") == status && current.Str("reason") == reason && current.Str("message") == message) return false;
            var index = conditions.IndexOf(current);
            conditions[index] = New(type, status, reason, message, now);
            return true;
        }
        if (status == "False") return false;
        conditions.Add(New(type, status, reason, message, now));
        return true;
    }
}
