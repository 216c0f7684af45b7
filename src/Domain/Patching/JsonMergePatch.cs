using System.Text.Json.Nodes;

namespace Emulator.Domain.Patching;

/// <summary>RFC 7386 JSON merge patch: objects merge recursively, null deletes, everything else replaces.</summary>
public static class JsonMergePatch
{
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject) return patch?.DeepClone();
        var result = target as JsonObject ?? new JsonObject();
        foreach (var (key, value) in patchObject)
        {
            if (value is null) result.Remove(key);
            else
            {
                var merged = Apply(result[key]?.DeepClone(), value);
                result[key] = merged;
            }
        }
        return result;
    }
}
