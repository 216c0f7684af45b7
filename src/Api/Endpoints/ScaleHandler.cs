using System.Text.Json.Nodes;
using Emulator.Api.Application.Verbs;
using Emulator.Api.Http;
using Emulator.Domain.Errors;
using Emulator.Domain.Resources;
using Emulator.Domain.Selectors;
using Emulator.Infrastructure.Registry;

namespace Emulator.Api.Endpoints;

/// <summary>
/// The /scale subresource of deployments and replicasets: an autoscaling/v1 Scale view of spec.replicas, read with GET
/// and written with PUT or PATCH (kubectl scale sends a merge patch). Mirrors pkg/registry/apps/deployment/storage
/// ScaleREST: the Scale's replicas go to the parent's spec.replicas, a resourceVersion in the Scale is a precondition.
/// </summary>
public sealed class ScaleHandler(GenericRegistry registry) : ISubresourceHandler
{
    private static readonly ResourceKind ScaleKind = new("autoscaling", "v1", "Scale", "scale", "scale", true, [], [], []);

    public bool Handles(RequestTarget target, string method) =>
        target is { Subresource: "scale", Name: not null, Rest: null }
        && target.Definition.Kind is { Group: "apps", Plural: "deployments" or "replicasets" }
        && method is "GET" or "PUT" or "PATCH";

    public async Task HandleAsync(HttpContext context, RequestTarget target)
    {
        var def = target.Definition;
        var name = target.Name!;
        var ct = context.RequestAborted;
        var shape = MediaTypes.Negotiate(context.Request.Headers.Accept);
        var dryRun = context.Request.Query["dryRun"].Contains("All");
        if (context.Request.Method == "GET")
        {
            await ResponseWriter.WriteNodeAsync(context, 200, ToScale(registry.GetOrThrow(def, target.Namespace, name).Object), Plain(shape));
            return;
        }

        var bytes = await BodyReader.ReadBytesAsync(context.Request, ct);
        var media = MediaTypes.Essence(context.Request.ContentType);
        var isPut = context.Request.Method == "PUT";
        var validation = FieldValidation.FromQuery(context.Request.Query, isPut ? "UpdateOptions" : "PatchOptions");
        JsonNode? body = isPut && media == MediaTypes.Protobuf ? BodyReader.DecodeProtobuf(bytes)
            : isPut && media == MediaTypes.Yaml ? BodyReader.ParseYaml(bytes)
            : BodyReader.ParseJson(bytes);
        if (!isPut && media is not (MediaTypes.MergePatch or MediaTypes.JsonPatch or MediaTypes.StrategicMergePatch))
            throw StatusException.UnsupportedMediaType(media);
        // The Scale is decoded like any typed body: its unknown fields are checked per fieldValidation, then dropped.
        if (isPut && media != MediaTypes.Protobuf && body is JsonObject putScale)
            FieldValidation.CheckBody(context, ScaleKind, new RequestBody(putScale, media, bytes, RepeatedKeys: false), "UpdateOptions");
        var warnings = new List<string>();
        var result = await registry.GuaranteedUpdateAsync(def, target.Namespace, name, null, dryRun, current =>
        {
            var scale = ToScale(current);
            JsonObject desired;
            if (isPut) desired = body as JsonObject ?? throw StatusException.BadRequest("the body of the request was not a Scale");
            else
            {
                desired = PatchObjectHandler.Patch(ScaleKind, scale, media, body);
                warnings.Clear();
                warnings.AddRange(FieldValidation.CheckPatched(ScaleKind, desired, validation, [],
                    () => media == MediaTypes.StrategicMergePatch ? GoValueFormat.Format(body) : desired.ToJsonString()));
            }
            if (desired.Meta().Str("resourceVersion") is { Length: > 0 } rv && rv != current.ResourceVersion())
                throw StatusException.Conflict(def.Kind, name);
            var replicas = desired["spec"]?["replicas"] is JsonValue v && v.TryGetValue<long>(out var r) ? r : 0;
            if (replicas < 0)
                throw StatusException.Invalid("Scale.autoscaling", "autoscaling", "Scale", name,
                    [FieldError.Invalid("spec.replicas", replicas, "must be greater than or equal to 0")]);
            if (current["spec"] is not JsonObject spec) current["spec"] = spec = new JsonObject();
            spec["replicas"] = replicas;
            return current;
        }, ct);
        FieldValidation.WriteWarnings(context, warnings);
        await ResponseWriter.WriteNodeAsync(context, 200, ToScale(result.Object.Object), Plain(shape));
    }

    private static ResponseShape Plain(ResponseShape shape) => shape == ResponseShape.Yaml ? shape : ResponseShape.Object;

    private static JsonObject ToScale(JsonObject parent)
    {
        var meta = parent.Meta();
        var scaleMeta = new JsonObject();
        foreach (var field in new[] { "name", "namespace", "uid", "resourceVersion", "creationTimestamp" })
            if (meta[field] is { } value) scaleMeta[field] = value.DeepClone();
        return new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = scaleMeta,
            ["spec"] = new JsonObject { ["replicas"] = parent["spec"]?["replicas"]?.DeepClone() ?? 1 },
            ["status"] = new JsonObject
            {
                ["replicas"] = parent["status"]?["replicas"]?.DeepClone() ?? 0,
                ["selector"] = LabelSelector.FromJson(parent["spec"]?["selector"]).ToString(),
            },
        };
    }
}
