using System.Text.Json.Nodes;
using Emulator.Domain.Errors;
using Emulator.Domain.OpenApi;
using Emulator.Domain.Patching.Apply;
using Emulator.Domain.Resources;
using Emulator.Infrastructure.Registry;
using Emulator.Infrastructure.Storage;
using Mediator;

namespace Emulator.Api.Application.Verbs;

/// <summary>
/// PATCH with application/apply-patch+yaml: server-side apply. A missing object is created (201); otherwise the
/// applied configuration is merged under this field manager's ownership, with conflicts answered 409
/// (apiserver endpoints/handlers/patch.go applyPatcher, fieldmanager).
/// </summary>
public sealed record ApplyObject(ResourceDefinition Definition, string? Namespace, string Name, string? Subresource, JsonObject Applied,
    string FieldManager, bool Force, bool DryRun, FieldValidationMode Validation) : ICommand<WriteResult>;

public sealed class ApplyObjectHandler(GenericRegistry registry, TimeProvider time) : ICommandHandler<ApplyObject, WriteResult>
{
    public async ValueTask<WriteResult> Handle(ApplyObject command, CancellationToken ct)
    {
        var kind = command.Definition.Kind;
        var schema = ModelTypes.Schema(kind.Group, kind.Version, kind.Kind) ?? TypeSchema.Any;
        CheckApplied(command, schema);
        var now = SystemFields.Timestamp(time.GetUtcNow());
        // A create that races with another create retries as an update, as the apiserver's patcher does.
        for (var attempt = 0; ; attempt++)
        {
            if (registry.Get(command.Definition, command.Namespace, command.Name) is null && command.Subresource is null)
            {
                var created = Apply(command, null, schema, now);
                try
                {
                    return await registry.CreateAsync(command.Definition, command.Namespace, created, command.DryRun, ct);
                }
                catch (StatusException e) when (e.Reason == "AlreadyExists" && attempt == 0)
                {
                    continue;
                }
            }
            return await registry.GuaranteedUpdateAsync(command.Definition, command.Namespace, command.Name, command.Subresource, command.DryRun,
                current => Apply(command, current, schema, now), ct);
        }
    }

    private static JsonObject Apply(ApplyObject command, JsonObject? live, TypeSchema schema, string now)
    {
        try
        {
            var result = ServerSideApply.Apply(live, command.Applied, schema, command.FieldManager, command.Force, now);
            // The applied configuration carries no resourceVersion precondition unless it says so.
            if (command.Applied["metadata"]?["resourceVersion"] is null && live is not null)
                result["metadata"]!["resourceVersion"] = live["metadata"]?["resourceVersion"]?.DeepClone();
            return result;
        }
        catch (ApplyConflictException e)
        {
            throw new StatusException(409, "Conflict", e.Message, new StatusDetails(null, "", "",
                [.. e.Conflicts.Select(c => new StatusCause("FieldManagerConflict", $"conflict with {c.ManagerDescription}", c.Field))]));
        }
    }

    /// <summary>The applied configuration must name this object and fit its type (structured-merge-diff typed conversion).</summary>
    private static void CheckApplied(ApplyObject command, TypeSchema schema)
    {
        var kind = command.Definition.Kind;
        var applied = command.Applied;
        var apiVersion = applied["apiVersion"] is JsonValue av && av.TryGetValue<string>(out var a) ? a : "";
        var kindName = applied["kind"] is JsonValue kv && kv.TryGetValue<string>(out var k) ? k : "";
        if (apiVersion.Length == 0 || kindName.Length == 0)
            throw StatusException.BadRequest("error decoding YAML: Object 'Kind' is missing in '" + applied.ToJsonString() + "'");
        if (apiVersion != kind.ApiVersion || kindName != kind.Kind)
            throw StatusException.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({kind.ApiVersion})");
        var name = applied["metadata"]?["name"] is JsonValue nv && nv.TryGetValue<string>(out var n) ? n : "";
        if (name != command.Name)
            throw StatusException.BadRequest($"the name of the object ({name}) does not match the name on the URL ({command.Name})");
        // fieldmanager structuredmerge.go: the typed conversion fails before fieldValidation is looked at, and its
        // plain error reaches the client as a 500 without a reason (ErrorToAPIStatus).
        if (schema.Kind != SchemaKind.Object || UndeclaredFields.Find(applied, schema) is not { Count: > 0 } undeclared) return;
        var ns = applied["metadata"]?["namespace"] is JsonValue nsv && nsv.TryGetValue<string>(out var nsText) ? nsText : "";
        var detail = undeclared.Count == 1
            ? $"{undeclared[0]}: field not declared in schema"
            : "errors:\n" + string.Join("\n", undeclared.Select(p => $"  {p}: field not declared in schema"));
        throw new StatusException(500, "",
            $"failed to create typed patch object ({ns}/{name}; {kind.Group}/{kind.Version}, Kind={kind.Kind}): {detail}");
    }
}
