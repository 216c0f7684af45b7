using System.Text.Json.Nodes;
using Emulator.Domain.Resources;

namespace Emulator.Domain.Workloads;

/// <summary>
/// SetDeploymentCondition / podutil.UpdatePodCondition semantics on a JSON conditions array: same status and reason
/// leaves the condition alone; same status keeps lastTransitionTime; anything else replaces it.
/// </summary>
public static class Conditions
{
    public static JsonObject? Find(JsonNode? conditions, string type) =>
        (conditions as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => c.Str("type") == type);

    public static void Set(JsonArray conditions, JsonObject condition)
    {
        var type = condition.Str("type")!;
        var current = Find(conditions, type);
        if (current is not null)
        {
            if (current.Str("status") == condition.Str("status") && current.Str("reason") == condition.Str("reason")
                && current.Str("message") == condition.Str("message")) return;
            if (current.Str("status") == condition.Str("status") && current["lastTransitionTime"] is { } keep)
                condition["lastTransitionTime"] = keep.DeepClone();
            conditions.Remove(current);
        }
        conditions.Add(condition);
    }

    public static void Remove(JsonArray conditions, string type)
    {
        if (Find(conditions, type) is { } current) conditions.Remove(current);
    }

    public static JsonObject Deployment(string type, string status, string reason, string message, string now) => new()
    {
        ["type"] = type, ["status"] = status, ["lastUpdateTime"] = now, ["lastTransitionTime"] = now,
        ["reason"] = reason, ["message"] = message,
    };
}
