using System.Text.Json.Nodes;
using Emulator.Domain.Errors;

namespace Emulator.Api.Http;

/// <summary>
/// Decodes the body of a non-apply PATCH and refuses a malformed one in the words of apiserver
/// endpoints/handlers/patch.go (jsonPatcher.applyJSPatch, strategicPatchObject): JSON and merge patches are first
/// decoded strictly when fieldValidation is Warn or Strict ("error decoding patch: ..."), a JSON patch holds at most
/// 10000 operations, and a strategic merge patch must be a JSON object.
/// </summary>
public static class PatchBodies
{
    public const int MaxJsonPatchOperations = 10000;

    /// <summary>The message of NewGenericServerResponse(422, ...): the patch library's own error text is dropped.</summary>
    public static StatusException JsonPatchNotApplicable() =>
        new(422, "Invalid", "the server rejected our request due to an error in our request", new StatusDetails(null, "", ""));

    public static JsonNode? Parse(byte[] bytes, string patchType, bool strictDecoding) => Parse(bytes, patchType, strictDecoding, out _);

    /// <summary>
    /// As above; <paramref name="strictProblems"/> are the strict errors of decoding a merge or strategic merge patch
    /// into a map (kjson.UnmarshalStrict: repeated keys, <c>duplicate field "spec.replicas"</c>).
    /// </summary>
    public static JsonNode? Parse(byte[] bytes, string patchType, bool strictDecoding, out IReadOnlyList<string> strictProblems)
    {
        var parsed = BodyReader.TryParseJson(bytes, out var patch, out var syntaxError, out var repeatedKeys);
        strictProblems = strictDecoding && repeatedKeys && patchType is MediaTypes.MergePatch or MediaTypes.StrategicMergePatch
            ? (IReadOnlyList<string>?)Application.Verbs.FieldValidation.RepeatedKeyProblems(bytes, null) ?? []
            : [];
        switch (patchType)
        {
            case MediaTypes.JsonPatch:
                if (strictDecoding)
                {
                    if (!parsed) throw StatusException.BadRequest($"error decoding patch: {syntaxError}");
                    if (NotA(patch, "[]handlers.jsonPatchOp", "handlers.jsonPatchOp") is { } strictError)
                        throw StatusException.BadRequest($"error decoding patch: {strictError}");
                }
                if (!parsed) throw StatusException.BadRequest(syntaxError!);
                if (NotA(patch, "jsonpatch.Patch", "jsonpatch.Operation") is { } decodeError) throw StatusException.BadRequest(decodeError);
                var count = (patch as JsonArray)?.Count ?? 0;
                if (count > MaxJsonPatchOperations)
                    throw StatusException.RequestEntityTooLarge(
                        $"Request entity too large: The allowed maximum operations in a JSON patch is {MaxJsonPatchOperations}, got {count}");
                return patch ?? new JsonArray();
            case MediaTypes.MergePatch:
                if (strictDecoding)
                {
                    if (!parsed) throw StatusException.BadRequest($"error decoding patch: {syntaxError}");
                    if (patch is not (null or JsonObject))
                        throw StatusException.BadRequest($"error decoding patch: json: cannot unmarshal {GoJsonSyntax.GoKind(patch)} into Go value of type map[string]interface {{}}");
                }
                if (!parsed) throw StatusException.BadRequest("Invalid JSON Patch");
                return patch;
            default:
                if (!parsed) throw StatusException.BadRequest(syntaxError!);
                if (patch is not (null or JsonObject))
                    throw StatusException.BadRequest($"json: cannot unmarshal {GoJsonSyntax.GoKind(patch)} into Go value of type map[string]interface {{}}");
                return patch ?? new JsonObject();
        }
    }

    // A JSON patch decodes into a list of operation objects; anything else is a Go unmarshal type error.
    private static string? NotA(JsonNode? patch, string listType, string itemType)
    {
        if (patch is null) return null;
        if (patch is not JsonArray ops) return $"json: cannot unmarshal {GoJsonSyntax.GoKind(patch)} into Go value of type {listType}";
        foreach (var op in ops)
        {
            if (op is not (null or JsonObject)) return $"json: cannot unmarshal {GoJsonSyntax.GoKind(op)} into Go value of type {itemType}";
        }
        return null;
    }
}
