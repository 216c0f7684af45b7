using System.Text.Json.Nodes;
using Emulator.Domain.Errors;
using Emulator.Domain.Resources;
using Emulator.Domain.Selectors;

namespace Emulator.Api.Application.Verbs;

/// <summary>Builds the object predicate of a LIST or WATCH from its label and field selectors.</summary>
public static class ListFilter
{
    public static Func<JsonObject, bool> Create(ResourceDefinition def, string? labelSelector, string? fieldSelector)
    {
        LabelSelector? labels = null;
        FieldSelector? fields = null;
        try
        {
            if (!string.IsNullOrWhiteSpace(labelSelector)) labels = LabelSelector.Parse(labelSelector);
            if (!string.IsNullOrWhiteSpace(fieldSelector)) fields = FieldSelector.Parse(fieldSelector);
        }
        catch (SelectorParseException e)
        {
            throw StatusException.BadRequest(e.Message);
        }
        if (fields is not null)
        {
            foreach (var field in fields.Requirements.Select(r => r.Field))
            {
                if (field is "metadata.name" or "metadata.namespace" || def.FieldSelectors.ContainsKey(field)) continue;
                // Kinds with their own field label conversion (k/k pkg/apis/*/v1/conversion.go) answer in its words;
                // the rest fall back to runtime.DefaultMetaV1FieldSelectorConversion.
                throw StatusException.BadRequest(def.FieldSelectors.Count > 0
                    ? $"field label not supported: {field}"
                    : $"\"{field}\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"");
            }
        }
        if (labels is null && fields is null) return static _ => true;
        return obj =>
            (labels is null || labels.Matches(obj.Labels()))
            && (fields is null || fields.Matches(field => FieldValue(def, obj, field)));
    }

    private static string? FieldValue(ResourceDefinition def, JsonObject obj, string field) => field switch
    {
        "metadata.name" => obj.Name(),
        "metadata.namespace" => obj.Namespace() ?? "",
        _ => def.FieldSelectors.TryGetValue(field, out var get) ? get(obj) ?? "" : null,
    };
}
