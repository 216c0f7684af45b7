using System.Text.Json;
using System.Text.Json.Nodes;
using Emulator.Api.Http;
using Emulator.Domain.Errors;
using Emulator.Domain.OpenApi;
using Emulator.Domain.Resources;

namespace Emulator.Api.Application.Verbs;

/// <summary>How the request wants fields its type does not declare handled (the fieldValidation query parameter).</summary>
public enum FieldValidationMode { Ignore, Warn, Strict }

/// <summary>
/// Server-side field validation (KEP-2885; apiserver endpoints/handlers create.go, update.go, patch.go). Whatever the
/// mode, a typed kind never stores a field its Go type lacks: the body is decoded into the struct, so unknown fields are
/// pruned and of repeated keys the last wins. The mode only decides what the client hears: Ignore nothing, Warn (the
/// default since v1.27) one Warning header per problem, Strict an error with every problem and nothing stored.
/// </summary>
public static class FieldValidation
{
    public static FieldValidationMode FromQuery(IQueryCollection query, string optionsKind)
    {
        var value = query.TryGetValue("fieldValidation", out var v) ? v.ToString() : "";
        return value switch
        {
            "" or "Warn" => FieldValidationMode.Warn,
            "Strict" => FieldValidationMode.Strict,
            "Ignore" => FieldValidationMode.Ignore,
            _ => throw StatusException.Invalid($"{optionsKind}.meta.k8s.io", "meta.k8s.io", optionsKind, "",
                [FieldError.NotSupported("fieldValidation", value, ["", "Ignore", "Strict", "Warn"])]),
        };
    }

    /// <summary>
    /// Create and update (create.go / update.go): the body is pruned to its kind's schema; Strict refuses any problem
    /// with 400 "X in version "v" cannot be handled as a X: strict decoding error: ...", Warn sends them as warnings.
    /// Protobuf bodies decode into the schema and carry nothing to prune.
    /// </summary>
    public static void CheckBody(HttpContext context, ResourceKind kind, RequestBody body, string optionsKind)
    {
        var mode = FromQuery(context.Request.Query, optionsKind);
        if (body.Media == MediaTypes.Protobuf || ModelTypes.Schema(kind.Group, kind.Version, kind.Kind) is not { } schema) return;
        if (mode == FieldValidationMode.Ignore)
        {
            UnknownFields.Prune(body.Object, schema);
            return;
        }
        var problems = Problems(body, schema);
        var yamlRepeats = body.YamlRepeats ?? [];
        if (problems.Count == 0 && yamlRepeats.Count == 0) return;
        // json.go Serializer.unmarshal: YAMLToJSONStrict's error (a yaml.TypeError holding every repeated key) comes
        // first; addStrictDecodingWarnings splits that one error into a warning per line.
        if (mode == FieldValidationMode.Strict)
        {
            var errors = yamlRepeats.Count == 0 ? problems : [$"yaml: unmarshal errors:\n  {string.Join("\n  ", yamlRepeats)}", .. problems];
            throw StatusException.BadRequest($"{DecodePrefix(kind)}{StrictDecodingError(errors)}");
        }
        WriteWarnings(context, [.. yamlRepeats, .. problems]);
    }

    // Strict decoding errors of the body, pruning it as the decoder would. sigs.k8s.io/yaml turns YAML into JSON
    // through a Go map, so a YAML body's fields are met in key order; JSON is met in document order.
    private static List<string> Problems(RequestBody body, TypeSchema schema)
    {
        var unknown = new List<string>();
        UnknownFields.Prune(body.Object, schema, unknown, sortedKeys: body.Media == MediaTypes.Yaml);
        if (body.RepeatedKeys && RepeatedKeyProblems(body.Bytes, schema) is { } fromDocument) return fromDocument;
        return unknown.ConvertAll(f => $"unknown field \"{f}\"");
    }

    /// <summary>Unknown and duplicate fields interleaved in document order, read from the raw JSON (null if unreadable).</summary>
    public static List<string>? RepeatedKeyProblems(byte[] json, TypeSchema? schema)
    {
        try
        {
            using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = GoJsonSyntax.MaxNestingDepth + 1 });
            return StrictFields.Check(doc.RootElement, schema);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// A patched object (patch.go jsonPatcher / smpPatcher): pruned to the schema. <paramref name="patchProblems"/> are
    /// the strict errors of decoding the patch itself (duplicate keys), reported first. Strict answers 422
    /// <c>"" is invalid: patch: Invalid value: "...": strict decoding error: ...</c> quoting <paramref name="quoted"/>.
    /// </summary>
    public static IReadOnlyList<string> CheckPatched(ResourceKind kind, JsonObject obj, FieldValidationMode mode,
        IReadOnlyList<string> patchProblems, Func<string> quoted)
    {
        if (ModelTypes.Schema(kind.Group, kind.Version, kind.Kind) is not { } schema) return [];
        if (mode == FieldValidationMode.Ignore)
        {
            UnknownFields.Prune(obj, schema);
            return [];
        }
        // The error quotes the patched object as it was, unknown fields included.
        var quotedValue = mode == FieldValidationMode.Strict ? quoted() : "";
        // The patched object is a Go map again (merge patch output, or converted from unstructured): keys in order.
        var unknown = new List<string>();
        UnknownFields.Prune(obj, schema, unknown, sortedKeys: true);
        var problems = new List<string>(patchProblems);
        problems.AddRange(unknown.Select(f => $"unknown field \"{f}\""));
        if (problems.Count == 0 || mode == FieldValidationMode.Warn) return problems;
        throw StatusException.Invalid("", "", "", "", [FieldError.Invalid("patch", quotedValue, StrictDecodingError(problems))]);
    }

    /// <summary>runtime.NewStrictDecodingError's words.</summary>
    public static string StrictDecodingError(IEnumerable<string> problems) => $"strict decoding error: {string.Join(", ", problems)}";

    /// <summary>What the apiserver's decoder says before the strict error on create and update.</summary>
    public static string DecodePrefix(ResourceKind kind) => $"{kind.Kind} in version \"{kind.Version}\" cannot be handled as a {kind.Kind}: ";

    /// <summary>warning.AddWarning's header: <c>299 - "text"</c>, the text quoted as Go's strconv.Quote would.</summary>
    public static void WriteWarnings(HttpContext context, IEnumerable<string> warnings)
    {
        foreach (var w in warnings)
            context.Response.Headers.Append("Warning", $"299 - \"{w.Replace("\\", "\\\\").Replace("\"", "\\\"")}\"");
    }
}
