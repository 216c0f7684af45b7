using System.Text.Json.Nodes;

namespace Emulator.Domain.Printing;

/// <summary>labels.FormatLabels (staging/src/k8s.io/apimachinery/pkg/labels/labels.go): "k=v,..." by sorted key, or "&lt;none&gt;".</summary>
internal static class LabelCells
{
    public static string Format(JsonNode? map)
    {
        if (map is not JsonObject labels || labels.Count == 0) return "<none>";
        return string.Join(",", labels.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => p.Key + "=" + (p.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : "")));
    }
}
