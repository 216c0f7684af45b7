using System.Text.Json.Nodes;
using Emulator.Domain.Errors;
using Emulator.Domain.OpenApi;
using Emulator.Domain.Resources;

namespace Emulator.Api.Application.Verbs;

/// <summary>How the request wants fields its type does not declare handled (the fieldValidation query parameter).</summary>
public enum FieldValidationMode { Ignore, Warn, Strict }

/// <summary>
/// Server-side field validation (KEP-2885; apiserver handlers/rest.go fieldValidation and the strict JSON decoder):
/// Strict refuses unknown fields with "strict decoding error", Warn answers with one Warning header per field,
/// Ignore drops nothing and says nothing. The default, as on a v1.27+ server, is Warn.
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
    /// Checks <paramref name="obj"/> against the official model of its kind. Strict throws 400 with
    /// <paramref name="strictPrefix"/> before the decoder's words; Warn returns the warnings to send.
    /// </summary>
    public static IReadOnlyList<string> Check(ResourceKind kind, JsonObject obj, FieldValidationMode mode, string strictPrefix = "")
    {
        if (mode == FieldValidationMode.Ignore || ModelTypes.Schema(kind.Group, kind.Version, kind.Kind) is not { } schema) return [];
        var unknown = UnknownFields.Find(obj, schema);
        if (unknown.Count == 0) return [];
        var messages = unknown.Select(f => $"unknown field \"{f}\"").ToList();
        if (mode == FieldValidationMode.Strict)
            throw StatusException.BadRequest($"{strictPrefix}strict decoding error: {string.Join(", ", messages)}");
        return messages;
    }

    /// <summary>
    /// Create and update: the body as decoded, checked per the request's fieldValidation. Protobuf bodies are skipped:
    /// the protobuf decoder only produces declared fields.
    /// </summary>
    public static void CheckBody(HttpContext context, ResourceKind kind, JsonObject body, string optionsKind)
    {
        var mode = FromQuery(context.Request.Query, optionsKind);
        if (Http.MediaTypes.Essence(context.Request.ContentType) == Http.MediaTypes.Protobuf) return;
        WriteWarnings(context, Check(kind, body, mode, DecodePrefix(kind)));
    }

    /// <summary>What the apiserver's decoder says before the strict error on create and update.</summary>
    public static string DecodePrefix(ResourceKind kind) => $"{kind.Kind} in version \"{kind.Version}\" cannot be handled as a {kind.Kind}: ";

    public static void WriteWarnings(HttpContext context, IEnumerable<string> warnings)
    {
        foreach (var w in warnings)
            context.Response.Headers.Append("Warning", $"299 - \"{w.Replace("\\", "\\\\").Replace("\"", "\\\"")}\"");
    }
}
