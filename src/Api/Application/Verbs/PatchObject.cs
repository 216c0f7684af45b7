using System.Text.Json.Nodes;
using Emulator.Api.Http;
using Emulator.Domain.Errors;
using Emulator.Domain.OpenApi;
using Emulator.Domain.Patching;
using Emulator.Domain.Resources;
using Emulator.Infrastructure.Registry;
using Emulator.Infrastructure.Storage;
using Mediator;

namespace Emulator.Api.Application.Verbs;

/// <summary>
/// PATCH with a JSON patch, a JSON merge patch or a strategic merge patch: the patch is applied to the current object
/// under the write lock, the result is pruned to the kind's schema and checked (fieldValidation), then stored as an update would be
/// (apiserver endpoints/handlers/patch.go).
/// </summary>
public sealed record PatchObject(ResourceDefinition Definition, string? Namespace, string Name, string? Subresource, string PatchType,
    JsonNode? Patch, bool DryRun, FieldValidationMode Validation = FieldValidationMode.Ignore, IReadOnlyList<string>? PatchProblems = null)
    : ICommand<WriteResult>
{
    /// <summary>Unknown-field warnings collected while patching (fieldValidation=Warn), for the response headers.</summary>
    public List<string> Warnings { get; } = [];
}

public sealed class PatchObjectHandler(GenericRegistry registry) : ICommandHandler<PatchObject, WriteResult>
{
    public async ValueTask<WriteResult> Handle(PatchObject command, CancellationToken ct) =>
        await registry.GuaranteedUpdateAsync(command.Definition, command.Namespace, command.Name, command.Subresource, command.DryRun, current =>
        {
            var obj = Patch(command.Definition.Kind, current, command.PatchType, command.Patch);
            BodyReader.CheckTypeMeta(obj, command.Definition.Kind);
            command.Warnings.Clear();
            // patch.go: a strategic merge patch is quoted as the decoded patch map, the others as the patched JSON.
            command.Warnings.AddRange(FieldValidation.CheckPatched(command.Definition.Kind, obj, command.Validation, command.PatchProblems ?? [],
                () => command.PatchType == MediaTypes.StrategicMergePatch ? GoValueFormat.Format(command.Patch) : obj.ToJsonString()));
            // A patch that leaves resourceVersion as stored carries no precondition; one that sets it must match.
            return obj;
        }, ct);

    /// <summary>Applies one of the three non-apply patch types; shared with the /scale subresource.</summary>
    public static JsonObject Patch(ResourceKind kind, JsonObject current, string patchType, JsonNode? patch)
    {
        JsonNode? patched;
        try
        {
            patched = patchType switch
            {
                MediaTypes.MergePatch => JsonMergePatch.Apply(current, patch),
                MediaTypes.JsonPatch => patch is JsonArray ops
                    ? JsonPatch.Apply(current, ops)
                    : throw new PatchException("json: cannot unmarshal object into Go value of type jsonpatch.Patch"),
                MediaTypes.StrategicMergePatch => patch is JsonObject smp
                    ? StrategicMergePatch.Apply(current, smp, ModelTypes.Schema(kind.Group, kind.Version, kind.Kind) ?? TypeSchema.Any)
                    : throw new PatchException($"json: cannot unmarshal {(patch is JsonArray ? "array" : "value")} into Go value of type map[string]interface {{}}"),
                _ => throw StatusException.UnsupportedMediaType(patchType),
            };
        }
        catch (PatchException) when (patchType == MediaTypes.JsonPatch)
        {
            throw PatchBodies.JsonPatchNotApplicable();
        }
        catch (PatchException e)
        {
            throw StatusException.Invalid("", "", "", "", [FieldError.Invalid("patch", patch?.ToJsonString() ?? "", e.Message)]);
        }
        if (GoJsonSyntax.Depth(patched) > GoJsonSyntax.MaxNestingDepth) throw StatusException.BadRequest(BodyReader.TooDeep);
        return patched as JsonObject ?? throw StatusException.BadRequest("the patch produced an object that is not a JSON object");
    }
}
