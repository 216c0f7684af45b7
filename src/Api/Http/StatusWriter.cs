using System.Text.Json.Nodes;
using Emulator.Domain.Errors;
using Emulator.Infrastructure.Storage;

namespace Emulator.Api.Http;

/// <summary>Renders meta/v1 Status objects, the only error shape kubectl understands.</summary>
public static class StatusWriter
{
    public static JsonObject ToStatus(StatusException e)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = e.Message,
        };
        // metav1.Status.Reason is omitempty: errors that are not API statuses (StatusReasonUnknown) carry none.
        if (e.Reason.Length > 0) status["reason"] = e.Reason;
        if (e.Details is { } d)
        {
            var details = new JsonObject();
            if (d.Name is not null) details["name"] = d.Name;
            if (d.Group.Length > 0) details["group"] = d.Group;
            if (d.Kind.Length > 0) details["kind"] = d.Kind;
            if (d.Causes is { Count: > 0 } causes)
            {
                details["causes"] = new JsonArray([.. causes.Select(c =>
                {
                    var cause = new JsonObject();
                    if (c.Reason.Length > 0) cause["reason"] = c.Reason;
                    if (c.Message.Length > 0) cause["message"] = c.Message;
                    if (c.Field.Length > 0) cause["field"] = c.Field;
                    return (JsonNode)cause;
                })]);
            }
            if (d.RetryAfterSeconds > 0) details["retryAfterSeconds"] = d.RetryAfterSeconds;
            status["details"] = details;
        }
        status["code"] = e.Code;
        return status;
    }

    public static Task WriteAsync(HttpContext context, StatusException e)
    {
        context.Response.StatusCode = e.Code;
        // As the apiserver's responsewriters do, so client-go's request retry honours it.
        if (e.Details is { RetryAfterSeconds: > 0 } d)
            context.Response.Headers.RetryAfter = d.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonText.Serialize(ToStatus(e)));
    }

    /// <summary>The Status a successful delete of a collection or a Success answer carries.</summary>
    public static JsonObject Success(StatusDetails? details = null)
    {
        var status = new JsonObject { ["kind"] = "Status", ["apiVersion"] = "v1", ["metadata"] = new JsonObject(), ["status"] = "Success" };
        if (details is not null)
            status["details"] = new JsonObject { ["name"] = details.Name, ["group"] = details.Group, ["kind"] = details.Kind };
        return status;
    }
}
