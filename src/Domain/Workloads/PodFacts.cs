using System.Globalization;
using System.Text.Json.Nodes;
using Emulator.Domain.Resources;

namespace Emulator.Domain.Workloads;

/// <summary>Pod predicates of pkg/api/v1/pod/util.go and pkg/controller/controller_utils.go.</summary>
public static class PodFacts
{
    public static string Phase(JsonObject pod) => pod["status"].Str("phase") ?? "Pending";

    public static bool IsTerminating(JsonObject pod) => pod.Meta()["deletionTimestamp"] is not null;

    /// <summary>controller.IsPodActive: not finished and not being deleted.</summary>
    public static bool IsActive(JsonObject pod) => Phase(pod) is not ("Succeeded" or "Failed") && !IsTerminating(pod);

    public static bool IsReady(JsonObject pod) => Conditions.Find(pod["status"]?["conditions"], "Ready")?.Str("status") == "True";

    /// <summary>IsPodAvailable: ready for at least minReadySeconds.</summary>
    public static bool IsAvailable(JsonObject pod, int minReadySeconds, DateTimeOffset now)
    {
        var ready = Conditions.Find(pod["status"]?["conditions"], "Ready");
        if (ready?.Str("status") != "True") return false;
        if (minReadySeconds == 0) return true;
        return Time(ready["lastTransitionTime"]) is { } since && since.AddSeconds(minReadySeconds) <= now;
    }

    public static DateTimeOffset? Time(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s)
        && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;

    /// <summary>The controllerRef: the ownerReference with controller: true.</summary>
    public static JsonObject? ControllerRef(JsonObject obj) =>
        (obj.Meta()["ownerReferences"] as JsonArray)?.OfType<JsonObject>()
            .FirstOrDefault(r => r["controller"] is JsonValue c && c.TryGetValue<bool>(out var b) && b);

    public static bool IsControlledBy(JsonObject obj, string? ownerUid) =>
        ownerUid is not null && ControllerRef(obj)?.Str("uid") == ownerUid;

    /// <summary>metav1.NewControllerRef: controller and blockOwnerDeletion both true.</summary>
    public static JsonArray OwnerReferences(JsonObject owner) =>
    [
        new JsonObject
        {
            ["apiVersion"] = owner.Str("apiVersion"), ["kind"] = owner.Str("kind"), ["name"] = owner.Name(),
            ["uid"] = owner.Meta().Str("uid"), ["controller"] = true, ["blockOwnerDeletion"] = true,
        },
    ];

    /// <summary>
    /// controller.ActivePods ordering, the pods a ReplicaSet deletes first: unscheduled, then pending before unknown
    /// before running, then not ready, then more restarts, then the newest.
    /// </summary>
    public static IEnumerable<JsonObject> InDeletionOrder(IEnumerable<JsonObject> pods) => pods
        .OrderBy(p => string.IsNullOrEmpty(p["spec"].Str("nodeName")) ? 0 : 1)
        .ThenBy(p => Phase(p) switch { "Pending" => 0, "Unknown" => 1, "Running" => 2, _ => 3 })
        .ThenBy(p => IsReady(p) ? 1 : 0)
        .ThenByDescending(Restarts)
        .ThenByDescending(p => Time(p.Meta()["creationTimestamp"]) ?? DateTimeOffset.MaxValue)
        .ThenBy(p => p.Name(), StringComparer.Ordinal);

    private static long Restarts(JsonObject pod) =>
        (pod["status"]?["containerStatuses"] as JsonArray)?.OfType<JsonObject>()
            .Sum(c => JsonNumber.Long(c["restartCount"]) ?? 0) ?? 0;
}
