using System.Text.Json.Nodes;
using Emulator.Domain.Resources;

namespace Emulator.Domain.Workloads;

/// <summary>
/// The pod statuses the simulated kubelet reports at each stage, shaped as kubelet's generateAPIPodStatus and
/// pkg/kubelet/status/generate.go build them: conditions PodReadyToStartContainers, Initialized, Ready,
/// ContainersReady, PodScheduled; one containerStatus per container, waiting ContainerCreating then running.
/// </summary>
public static class PodStatusPlanner
{
    public static JsonObject Scheduled(JsonObject? status, string now)
    {
        var copy = status?.DeepClone() as JsonObject ?? new JsonObject { ["phase"] = "Pending" };
        var conditions = copy["conditions"] as JsonArray ?? [];
        Conditions.Set(conditions, Condition("PodScheduled", "True", null, null, now));
        copy["conditions"] = conditions;
        return copy;
    }

    public static JsonObject Unschedulable(JsonObject? status, string message, string now)
    {
        var copy = status?.DeepClone() as JsonObject ?? new JsonObject { ["phase"] = "Pending" };
        var conditions = copy["conditions"] as JsonArray ?? [];
        Conditions.Set(conditions, Condition("PodScheduled", "False", "Unschedulable", message, now));
        copy["conditions"] = conditions;
        return copy;
    }

    /// <summary>Sandbox being created: Pending, containers waiting with reason ContainerCreating.</summary>
    public static JsonObject ContainerCreating(JsonObject pod, string hostIp, string now)
    {
        var names = ContainerNames(pod);
        var unready = $"containers with unready status: [{string.Join(" ", names)}]";
        var status = Base(pod, "Pending", hostIp, now);
        status["conditions"] = new JsonArray(
            Condition("PodReadyToStartContainers", "False", null, null, now),
            Condition("Initialized", "True", null, null, now),
            Condition("Ready", "False", "ContainersNotReady", unready, now),
            Condition("ContainersReady", "False", "ContainersNotReady", unready, now),
            Condition("PodScheduled", "True", null, null, ScheduledTime(pod) ?? now));
        status["containerStatuses"] = Statuses(pod, c => new JsonObject
        {
            ["image"] = c.Str("image"), ["imageID"] = "", ["lastState"] = new JsonObject(), ["name"] = c.Str("name"),
            ["ready"] = false, ["restartCount"] = 0, ["started"] = false,
            ["state"] = new JsonObject { ["waiting"] = new JsonObject { ["reason"] = "ContainerCreating" } },
        });
        return status;
    }

    public static IReadOnlyList<string> ContainerNames(JsonObject pod) =>
        (pod["spec"]?["containers"] as JsonArray)?.OfType<JsonObject>().Select(c => c.Str("name") ?? "").ToList() ?? [];

    /// <summary>A stable 64-hex container id per pod uid and container name, as containerd's ids look.</summary>
    public static string ContainerId(JsonObject pod, string container) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{pod.Meta().Str("uid")}/{container}")));

    private static JsonObject Base(JsonObject pod, string phase, string hostIp, string now)
    {
        var old = pod["status"] as JsonObject;
        var status = new JsonObject { ["phase"] = phase, ["hostIP"] = hostIp, ["hostIPs"] = new JsonArray(new JsonObject { ["ip"] = hostIp }) };
        status["startTime"] = old?["startTime"]?.DeepClone() ?? now;
        status["qosClass"] = old?["qosClass"]?.DeepClone() ?? "BestEffort";
        return status;
    }

    private static string? ScheduledTime(JsonObject pod) =>
        Conditions.Find(pod["status"]?["conditions"], "PodScheduled") is { } c && c.Str("status") == "True" ? c.Str("lastTransitionTime") : null;

    private static JsonArray Statuses(JsonObject pod, Func<JsonObject, JsonObject> build)
    {
        var result = new JsonArray();
        foreach (var c in (pod["spec"]?["containers"] as JsonArray)?.OfType<JsonObject>() ?? []) result.Add(build(c));
        return result;
    }

    private static JsonArray Ordered(JsonArray conditions)
    {
        string[] order = ["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"];
        var result = new JsonArray();
        foreach (var c in conditions.OfType<JsonObject>().OrderBy(c => Array.IndexOf(order, c.Str("type")) is var i && i < 0 ? 99 : i))
            result.Add(c.DeepClone());
        return result;
    }

    private static JsonObject Condition(string type, string status, string? reason, string? message, string now)
    {
        var c = new JsonObject { ["type"] = type, ["status"] = status, ["lastProbeTime"] = null, ["lastTransitionTime"] = now };
        if (reason is not null) c["reason"] = reason;
        if (message is not null) c["message"] = message;
        return c;
    }
}
