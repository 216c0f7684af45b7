using System.Globalization;
using System.Text.Json.Nodes;
using Emulator.Domain.Resources;
using Emulator.Domain.Selectors;

namespace Emulator.Domain.Workloads;

/// <summary>
/// The arithmetic of kube-controller-manager's disruption controller (pkg/controller/disruption/disruption.go) and of
/// the eviction subresource's budget check (pkg/registry/core/pod/storage/eviction.go).
/// </summary>
public static class DisruptionPlanner
{
    /// <summary>How long an eviction recorded in status.disruptedPods keeps its pod out of currentHealthy.</summary>
    public static readonly TimeSpan DeletionTimeout = TimeSpan.FromMinutes(2);

    /// <summary>A policy/v1 budget: a null selector selects no pod, an empty one every pod of the namespace.</summary>
    public static bool Selects(JsonObject pdb, JsonObject pod)
    {
        try
        {
            return LabelSelector.FromJson(pdb["spec"]?["selector"]).Matches(pod.Labels());
        }
        catch (SelectorParseException)
        {
            return false;
        }
    }

    /// <summary>
    /// trySync: expectedPods and desiredHealthy (getExpectedPodCount), the disrupted pods still pending deletion
    /// (buildDisruptedPodMap), currentHealthy (countHealthyPods) and disruptionsAllowed with the DisruptionAllowed
    /// condition (updatePdbStatus). <paramref name="controllerScale"/> gives a pod's controller uid and replicas
    /// (a deployment's for its sets' pods), null for a pod without a known controller.
    /// </summary>
    public static JsonObject Status(JsonObject pdb, IReadOnlyList<JsonObject> pods, Func<JsonObject, (string Uid, int Replicas)?> controllerScale,
        DateTimeOffset now)
    {
        var spec = pdb["spec"];
        int expected;
        int desired;
        if (spec?["maxUnavailable"] is { } maxUnavailable)
        {
            expected = ExpectedScale(pods, controllerScale);
            desired = Math.Max(0, expected - IntOrPercent.Scaled(maxUnavailable, expected, roundUp: true));
        }
        else if (spec?["minAvailable"] is JsonValue minAvailable && minAvailable.TryGetValue<string>(out _))
        {
            expected = ExpectedScale(pods, controllerScale);
            desired = IntOrPercent.Scaled(minAvailable, expected, roundUp: true);
        }
        else
        {
            expected = pods.Count;
            desired = spec?["minAvailable"] is { } m ? JsonNumber.Int(m, 0) : 0;
        }

        var byName = pods.ToDictionary(p => p.Name(), StringComparer.Ordinal);
        var disrupted = new JsonObject();
        foreach (var (name, stamp) in pdb["status"]?["disruptedPods"] as JsonObject ?? [])
        {
            if (!byName.TryGetValue(name, out var pod) || PodFacts.IsTerminating(pod)) continue;
            if (PodFacts.Time(stamp) is { } at && at + DeletionTimeout > now) disrupted[name] = stamp!.DeepClone();
        }
        var healthy = pods.Count(p => !PodFacts.IsTerminating(p) && PodFacts.IsReady(p)
            && !(disrupted[p.Name()] is { } stamp && PodFacts.Time(stamp) is { } at && at + DeletionTimeout > now));
        var allowed = expected <= 0 ? 0 : Math.Max(0, healthy - desired);

        var generation = JsonNumber.Long(pdb.Meta()["generation"]) ?? 1;
        var status = new JsonObject { ["observedGeneration"] = generation };
        if (disrupted.Count > 0) status["disruptedPods"] = disrupted;
        status["disruptionsAllowed"] = allowed;
        status["currentHealthy"] = healthy;
        status["desiredHealthy"] = desired;
        status["expectedPods"] = expected;
        status["conditions"] = AllowedConditions(pdb["status"]?["conditions"], allowed, generation, SystemFields(now));
        return status;
    }

    /// <summary>UpdateDisruptionAllowedCondition through meta.SetStatusCondition: the transition time moves only with the status.</summary>
    public static JsonArray AllowedConditions(JsonNode? current, int disruptionsAllowed, long observedGeneration, string now)
    {
        var (status, reason) = disruptionsAllowed > 0 ? ("True", "SufficientPods") : ("False", "InsufficientPods");
        var conditions = current?.DeepClone() as JsonArray ?? [];
        var existing = Conditions.Find(conditions, "DisruptionAllowed");
        var transition = existing?.Str("status") == status && existing["lastTransitionTime"] is { } keep ? keep.DeepClone() : JsonValue.Create(now);
        var condition = new JsonObject
        {
            ["type"] = "DisruptionAllowed", ["status"] = status, ["observedGeneration"] = observedGeneration,
            ["lastTransitionTime"] = transition, ["reason"] = reason, ["message"] = "",
        };
        if (existing is not null) conditions[conditions.IndexOf(existing)] = condition;
        else conditions.Add(condition);
        return conditions;
    }

    /// <summary>canIgnorePDB: a pending, finished or already terminating pod is evicted without asking any budget.</summary>
    public static bool CanIgnoreBudget(JsonObject pod) =>
        PodFacts.Phase(pod) is "Pending" or "Succeeded" or "Failed" || PodFacts.IsTerminating(pod);

    /// <summary>
    /// The eviction's budget decision for a pod that cannot ignore it: null to go ahead and decrement, or the
    /// refusal (checkAndDecrement's 429 cases). <paramref name="unhealthyMayGo"/> is true when an unready pod may be
    /// deleted without spending a disruption (AlwaysAllow, or IfHealthyBudget with the budget currently met).
    /// </summary>
    public static (bool UnhealthyMayGo, string? RefusalCause) Check(JsonObject pdb, JsonObject pod)
    {
        var status = pdb["status"];
        var current = JsonNumber.Int(status?["currentHealthy"], 0);
        var desired = JsonNumber.Int(status?["desiredHealthy"], 0);
        if (!PodFacts.IsReady(pod))
        {
            if (pdb["spec"].Str("unhealthyPodEvictionPolicy") == "AlwaysAllow") return (true, null);
            if (current >= desired && desired > 0) return (true, null);
        }
        var name = pdb.Name();
        if ((JsonNumber.Long(status?["observedGeneration"]) ?? 0) < (JsonNumber.Long(pdb.Meta()["generation"]) ?? 1))
            return (false, $"The disruption budget {name} is still being processed by the server.");
        if (JsonNumber.Int(status?["disruptionsAllowed"], 0) <= 0)
            return (false, $"The disruption budget {name} needs {desired.ToString(CultureInfo.InvariantCulture)} healthy pods and has {current.ToString(CultureInfo.InvariantCulture)} currently");
        return (false, null);
    }

    private static int ExpectedScale(IReadOnlyList<JsonObject> pods, Func<JsonObject, (string Uid, int Replicas)?> controllerScale)
    {
        var controllers = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var pod in pods)
            if (controllerScale(pod) is { } c) controllers[c.Uid] = c.Replicas;
        return controllers.Values.Sum();
    }

    private static string SystemFields(DateTimeOffset now) => now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
