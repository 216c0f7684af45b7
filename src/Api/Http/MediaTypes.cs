using Emulator.Domain.Errors;

namespace Emulator.Api.Http;

/// <summary>What the client asked to receive, from its Accept header (content negotiation as the apiserver does it).</summary>
public enum ResponseShape { Object, Table, PartialMetadata, Yaml }

public static class MediaTypes
{
    public const string Json = "application/json";
    public const string Yaml = "application/yaml";
    public const string Protobuf = "application/vnd.kubernetes.protobuf";
    public const string JsonPatch = "application/json-patch+json";
    public const string MergePatch = "application/merge-patch+json";
    public const string StrategicMergePatch = "application/strategic-merge-patch+json";
    public const string ApplyPatchYaml = "application/apply-patch+yaml";

    // negotiation.NegotiateOutputMediaType lists the serializers' media types (MediaTypesForSerializer), not the stream ones.
    private const string Supported = "application/json, application/yaml, application/vnd.kubernetes.protobuf";

    /// <summary>Walks the Accept list in order and takes the first range we can serve; 406 when none fits.</summary>
    public static ResponseShape Negotiate(string? accept)
    {
        if (string.IsNullOrWhiteSpace(accept)) return ResponseShape.Object;
        foreach (var range in accept.Split(','))
        {
            var parts = range.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0) continue;
            var type = parts[0].ToLowerInvariant();
            var parameters = parts.Skip(1).Select(p => p.Split('=', 2)).Where(p => p.Length == 2)
                .ToDictionary(p => p[0].Trim().ToLowerInvariant(), p => p[1].Trim());
            var asParam = parameters.GetValueOrDefault("as");
            if (type is Json or "application/*" or "*/*" && asParam is not null)
            {
                if (parameters.GetValueOrDefault("g") != "meta.k8s.io") continue;
                if (asParam == "Table") return ResponseShape.Table;
                if (asParam is "PartialObjectMetadata" or "PartialObjectMetadataList") return ResponseShape.PartialMetadata;
                continue;
            }
            if (type is Json or Protobuf or "application/*" or "*/*") return ResponseShape.Object;
            if (type is Yaml) return ResponseShape.Yaml;
        }
        throw StatusException.NotAcceptable(Supported);
    }

    /// <summary>The media type without parameters, lower-cased; "" when absent.</summary>
    public static string Essence(string? contentType) =>
        string.IsNullOrEmpty(contentType) ? "" : contentType.Split(';')[0].Trim().ToLowerInvariant();
}
