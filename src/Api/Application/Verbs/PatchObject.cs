using System.Text.Json.Nodes;
using Emulator.Api.Http;
using Emulator.Domain.Errors;
using Emulator.Domain.Patching;
using Emulator.Domain.Resources;
using Emulator.Infrastructure.Registry;
using Emulator.Infrastructure.Storage;
using Mediator;

namespace Emulator.Api.Application.Verbs;

/// <summary>PATCH: the patch is applied to the current object under the write lock, then stored as an update would be.</summary>
public sealed record PatchObject(ResourceDefinition Definition, string? Namespace, string Name, string? Subresource, string PatchType,
    JsonNode? Patch, bool DryRun) : ICommand<WriteResult>;

public sealed class PatchObjectHandler(GenericRegistry registry) : ICommandHandler<PatchObject, WriteResult>
{
    public async ValueTask<WriteResult> Handle(PatchObject command, CancellationToken ct) =>
        await registry.GuaranteedUpdateAsync(command.Definition, command.Namespace, command.Name, command.Subresource, command.DryRun, current =>
        {
            JsonNode? patched;
            try
            {
                patched = command.PatchType switch
                {
                    MediaTypes.MergePatch => JsonMergePatch.Apply(current, command.Patch),
                    MediaTypes.JsonPatch => command.Patch is JsonArray ops
                        ? JsonPatch.Apply(current, ops)
                        : throw new PatchException("json: cannot unmarshal object into Go value of type jsonpatch.Patch"),
                    _ => throw StatusException.UnsupportedMediaType(command.PatchType),
                };
            }
            catch (PatchException e)
            {
                throw StatusException.Invalid("", "", "", "", [FieldError.Invalid("patch", command.Patch?.ToJsonString() ?? "", e.Message)]);
            }
            if (patched is not JsonObject obj) throw StatusException.BadRequest("the patch produced an object that is not a JSON object");
            BodyReader.CheckTypeMeta(obj, command.Definition.Kind);
            // A patch that leaves resourceVersion as stored carries no precondition; one that sets it must match.
            return obj;
        }, ct);
}
