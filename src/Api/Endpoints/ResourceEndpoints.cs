using System.Text.Json.Nodes;
using Emulator.Api.Application.Verbs;
using Emulator.Api.Http;
using Emulator.Api.Watch;
using Emulator.Domain.Errors;
using Emulator.Domain.Resources;
using Emulator.Infrastructure.Registry;
using Emulator.Infrastructure.Storage;
using Mediator;

namespace Emulator.Api.Endpoints;

/// <summary>
/// The REST surface of every kind in the catalog: one dispatcher maps method + URL shape to a verb message,
/// as the apiserver's installer does per resource. Verbs a kind does not offer answer 405.
/// </summary>
public static class ResourceEndpoints
{
    public static void MapResources(this IEndpointRouteBuilder app)
    {
        app.Map("/api/{group}/{**rest}", Dispatch).ExcludeFromDescription();
        app.Map("/apis/{group}/{version}/{**rest}", Dispatch).ExcludeFromDescription();
    }

    private static async Task Dispatch(HttpContext context, ResourceCatalog catalog, IMediator mediator, WatchStreamer watches, TimeProvider time,
        IEnumerable<ISubresourceHandler> subresources)
    {
        var target = RequestTarget.Parse(catalog, context.Request.Path.Value ?? "") ?? throw StatusException.NotFoundPath();
        var def = target.Definition;
        var ct = context.RequestAborted;
        var query = context.Request.Query;
        // apimachinery ValidateDryRun runs per write verb, against that verb's options kind; reads ignore dryRun.
        var method0 = context.Request.Method;
        var dryRun = method0 switch
        {
            "POST" => DryRun(query, "CreateOptions"),
            "PUT" => DryRun(query, "UpdateOptions"),
            "PATCH" => DryRun(query, "PatchOptions"),
            "DELETE" => DryRun(query, "DeleteOptions"),
            _ => false,
        };
        if (def.Kind is { Group: "", Plural: "endpoints" })
            context.Response.Headers.Append("Warning", "299 - \"v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\"");

        var method = context.Request.Method;
        if (target.Subresource is { } sub && sub is not ("status" or "finalize"))
        {
            if (subresources.FirstOrDefault(h => h.Handles(target, method)) is { } handler)
            {
                await handler.HandleAsync(context, target);
                return;
            }
            throw new StatusException(404, "NotFound", "the server could not find the requested resource", new StatusDetails(target.Name, def.Kind.Group, def.Kind.Plural));
        }

        if (target.Name is null)
        {
            switch (method)
            {
                case "GET":
                {
                    var shape = MediaTypes.Negotiate(context.Request.Headers.Accept);
                    var options = ListOptions.FromQuery(query);
                    Require(def, options.Watch ? "watch" : "list");
                    if (options.Watch) { await watches.StreamAsync(context, def, target.Namespace, options, shape); return; }
                    QueryParams.CheckListResourceVersion(options.ResourceVersion);
                    var page = await mediator.Send(new ListObjects(def, target.Namespace, options), ct);
                    await ResponseWriter.WriteListAsync(context, def, page, shape, time);
                    return;
                }
                case "POST":
                {
                    Require(def, "create");
                    var shape = MediaTypes.Negotiate(context.Request.Headers.Accept);
                    if (def.Kind.Namespaced && target.Namespace is null) throw StatusException.NotFoundPath();
                    var body = await BodyReader.ReadBodyAsync(context.Request, def.Kind, ct);
                    FieldValidation.CheckBody(context, def.Kind, body, "CreateOptions");
                    var result = await mediator.Send(new CreateObject(def, target.Namespace, body.Object, dryRun), ct);
                    await ResponseWriter.WriteObjectAsync(context, 201, def, result.Object, shape, time);
                    return;
                }
                case "DELETE":
                {
                    Require(def, "deletecollection");
                    var options = await ReadDeleteOptionsAsync(context, dryRun, ct);
                    var page = await mediator.Send(new DeleteCollection(def, target.Namespace, ListOptions.FromQuery(query), options), ct);
                    await ResponseWriter.WriteListAsync(context, def, page, ResponseShape.Object, time);
                    return;
                }
                default:
                    throw StatusException.MethodNotSupported(def.Kind, method);
            }
        }

        var name = target.Name;
        switch (method)
        {
            case "GET":
            {
                Require(def, "get");
                var shape = MediaTypes.Negotiate(context.Request.Headers.Accept);
                var stored = await mediator.Send(new GetObject(def, target.Namespace, name), ct);
                await ResponseWriter.WriteObjectAsync(context, 200, def, stored, shape, time);
                return;
            }
            case "PUT":
            {
                Require(def, "update");
                var shape = MediaTypes.Negotiate(context.Request.Headers.Accept);
                var body = await BodyReader.ReadBodyAsync(context.Request, def.Kind, ct);
                FieldValidation.CheckBody(context, def.Kind, body, "UpdateOptions");
                BodyReader.CheckName(body.Object, name, target.Namespace);
                var result = await mediator.Send(new UpdateObject(def, target.Namespace, name, target.Subresource, body.Object, dryRun), ct);
                await ResponseWriter.WriteObjectAsync(context, result.Created ? 201 : 200, def, result.Object, shape, time);
                return;
            }
            case "PATCH":
            {
                Require(def, "patch");
                await ResourcePatch.PatchAsync(context, mediator, target, name, dryRun, time, ct);
                return;
            }
            case "DELETE":
            {
                Require(def, "delete");
                if (target.Subresource is not null) throw StatusException.MethodNotSupported(def.Kind, "DELETE");
                var shape = MediaTypes.Negotiate(context.Request.Headers.Accept);
                var options = await ReadDeleteOptionsAsync(context, dryRun, ct);
                var result = await mediator.Send(new DeleteObject(def, target.Namespace, name, options), ct);
                await ResponseWriter.WriteObjectAsync(context, result.Deleted ? 200 : 202, def, result.Object, shape, time);
                return;
            }
            default:
                throw StatusException.MethodNotSupported(def.Kind, method);
        }
    }

    private static void Require(ResourceDefinition def, string verb)
    {
        if (!def.Kind.Verbs.Contains(verb)) throw StatusException.MethodNotSupported(def.Kind, verb);
    }

    private static bool DryRun(IQueryCollection query, string optionsKind)
    {
        if (!query.TryGetValue("dryRun", out var values)) return false;
        if (values.Any(v => v != "All"))
        {
            // The bad value is the whole []string, printed with Go's %#v.
            var rendered = "[]string{" + string.Join(", ", values.Select(v => FieldError.Render(v ?? ""))) + "}";
            throw StatusException.Invalid($"{optionsKind}.meta.k8s.io", "meta.k8s.io", optionsKind, "",
                [new FieldError("FieldValueNotSupported", "dryRun", $"Unsupported value: {rendered}: supported values: \"All\"")]);
        }
        return values.Count > 0;
    }

    /// <summary>DeleteOptions come from the body (JSON or protobuf, as typed clients send them) and the query string.</summary>
    private static async Task<DeleteOptions> ReadDeleteOptionsAsync(HttpContext context, bool dryRun, CancellationToken ct)
    {
        var bytes = await BodyReader.ReadBytesAsync(context.Request, ct);
        JsonObject? body = null;
        if (bytes.Length > 0)
        {
            var media = MediaTypes.Essence(context.Request.ContentType);
            body = media == MediaTypes.Protobuf ? BodyReader.DecodeProtobuf(bytes) : BodyReader.ParseJson(bytes) as JsonObject;
        }
        var q = context.Request.Query;
        var policy = body.Str("propagationPolicy") ?? (q.TryGetValue("propagationPolicy", out var p) ? p.ToString() : null);
        if (policy is not null && policy is not ("Orphan" or "Background" or "Foreground"))
            throw StatusException.Invalid("DeleteOptions.meta.k8s.io", "meta.k8s.io", "DeleteOptions", "",
                [FieldError.NotSupported("propagationPolicy", policy, ["Foreground", "Background", "Orphan", "nil"])]);
        long? grace = body?["gracePeriodSeconds"] is JsonValue g && g.TryGetValue<long>(out var gs) ? gs
            : q.TryGetValue("gracePeriodSeconds", out var gq) && long.TryParse(gq, out var gqs) ? gqs : null;
        var bodyDryRun = body?["dryRun"] is JsonArray { Count: > 0 };
        return new DeleteOptions(
            body?["preconditions"].Str("uid"), body?["preconditions"].Str("resourceVersion"), grace, policy, dryRun || bodyDryRun);
    }
}
