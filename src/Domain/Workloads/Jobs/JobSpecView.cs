using System.Text.Json.Nodes;
using Emulator.Domain.Resources;

namespace Emulator.Domain.Workloads.Jobs;

/// <summary>The defaulted JobSpec fields the controller reads.</summary>
public sealed record JobSpecView(
    int? Completions, int Parallelism, int BackoffLimit, bool Indexed, bool Suspended, long? ActiveDeadlineSeconds,
    string RestartPolicy, string PodReplacementPolicy, int? TtlSecondsAfterFinished)
{
    public static JobSpecView Of(JsonObject job)
    {
        var spec = job["spec"];
        return new JobSpecView(
            JsonNumber.Long(spec?["completions"]) is { } c ? (int)c : null,
            JsonNumber.Int(spec?["parallelism"], 1),
            JsonNumber.Int(spec?["backoffLimit"], 6),
            spec.Str("completionMode") == "Indexed",
            spec?["suspend"] is JsonValue s && s.TryGetValue<bool>(out var b) && b,
            JsonNumber.Long(spec?["activeDeadlineSeconds"]),
            spec?["template"]?["spec"].Str("restartPolicy") ?? "Never",
            spec.Str("podReplacementPolicy") ?? "TerminatingOrFailed",
            JsonNumber.Long(spec?["ttlSecondsAfterFinished"]) is { } t ? (int)t : null);
    }
}
