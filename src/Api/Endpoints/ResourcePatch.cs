using System.Text.Json.Nodes;
using Emulator.Api.Application.Verbs;
using Emulator.Api.Http;
using Emulator.Domain.Errors;
using Emulator.Infrastructure.Storage;
using Mediator;

namespace Emulator.Api.Endpoints;

/// <summary>
/// The PATCH verb of the resource dispatcher: the four patch media types, PatchOptions from the query
/// (fieldManager, force, fieldValidation) checked as apimachinery's ValidatePatchOptions does, then either a
/// patch or a server-side apply (apiserver endpoints/handlers/patch.go).
/// </summary>
public static class ResourcePatch
{
    private const int MaxFieldManagerLength = 128;

    public static async Task PatchAsync(HttpContext context, IMediator mediator, RequestTarget target, string name, bool dryRun, TimeProvider time,
        CancellationToken ct)
    {
        var def = target.Definition;
        var query = context.Request.Query;
        var shape = MediaTypes.Negotiate(context.Request.Headers.Accept);
        var patchType = MediaTypes.Essence(context.Request.ContentType);
        if (patchType is not (MediaTypes.MergePatch or MediaTypes.JsonPatch or MediaTypes.StrategicMergePatch or MediaTypes.ApplyPatchYaml))
            throw new StatusException(415, "UnsupportedMediaType",
                $"the body of the request was in an unknown format - accepted media types include: {MediaTypes.JsonPatch}, {MediaTypes.MergePatch}, {MediaTypes.StrategicMergePatch}, {MediaTypes.ApplyPatchYaml}");
        var validation = FieldValidation.FromQuery(query, "PatchOptions");
        var manager = query.TryGetValue("fieldManager", out var fm) ? fm.ToString() : null;
        var forceText = query.TryGetValue("force", out var f) ? f.ToString() : null;
        var isApply = patchType == MediaTypes.ApplyPatchYaml;
        CheckOptions(isApply, manager, forceText);
        var bytes = await BodyReader.ReadBytesAsync(context.Request, ct);

        if (isApply)
        {
            // patch.go applyPatcher: sigs.k8s.io/yaml Unmarshal into a map, errors prefixed "error decoding YAML: ".
            if (!BodyReader.TryParseYaml(bytes, out var yaml, out var yamlError))
                throw StatusException.BadRequest($"error decoding YAML: error converting YAML to JSON: {yamlError}");
            var applied = yaml as JsonObject ?? (yaml is null ? [] : throw StatusException.BadRequest(
                $"error decoding YAML: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal {GoJsonSyntax.GoKind(yaml)} into Go value of type map[string]interface {{}}"));
            // structured-merge-diff fieldmanager Apply: the applied object must be in the endpoint's group/version.
            var appliedVersion = applied["apiVersion"] is JsonValue av && av.TryGetValue<string>(out var text) ? text : "";
            if (appliedVersion != def.Kind.ApiVersion)
                throw StatusException.BadRequest(
                    $"Incorrect version specified in apply patch. Specified patch version: {appliedVersion}, expected: {def.Kind.ApiVersion}");
            var applyResult = await mediator.Send(new ApplyObject(def, target.Namespace, name, target.Subresource, applied, manager!,
                forceText is "true" or "True" or "1", dryRun, validation), ct);
            await ResponseWriter.WriteObjectAsync(context, applyResult.Created ? 201 : 200, def, applyResult.Object, shape, time);
            return;
        }

        var patch = PatchBodies.Parse(bytes, patchType, validation != FieldValidationMode.Ignore, out var patchProblems);
        var command = new PatchObject(def, target.Namespace, name, target.Subresource, patchType, patch, dryRun, validation, patchProblems);
        var result = await mediator.Send(command, ct);
        FieldValidation.WriteWarnings(context, command.Warnings);
        await ResponseWriter.WriteObjectAsync(context, 200, def, result.Object, shape, time);
    }

    /// <summary>apimachinery pkg/apis/meta/v1/validation ValidatePatchOptions.</summary>
    private static void CheckOptions(bool isApply, string? manager, string? force)
    {
        var errors = new List<FieldError>();
        if (isApply)
        {
            if (string.IsNullOrEmpty(manager)) errors.Add(FieldError.Required("fieldManager", "is required for apply patch"));
        }
        else if (force is not null)
        {
            errors.Add(FieldError.Forbidden("force", "may not be specified for non-apply patch"));
        }
        if (manager is { Length: > MaxFieldManagerLength })
            errors.Add(FieldError.TooLong("fieldManager", MaxFieldManagerLength));
        if (errors.Count > 0) throw StatusException.Invalid("PatchOptions.meta.k8s.io", "meta.k8s.io", "PatchOptions", "", errors);
    }
}
