using Emulator.Domain.Resources;

namespace Emulator.Domain.Errors;

/// <summary>
/// A failure the API answers with a meta/v1 Status, worded as apimachinery's pkg/api/errors does,
/// so kubectl prints "Error from server (Reason): message" exactly as against a real cluster.
/// </summary>
public sealed class StatusException(int code, string reason, string message, StatusDetails? details = null)
    : Exception(message)
{
    public int Code { get; } = code;
    public string Reason { get; } = reason;
    public StatusDetails? Details { get; } = details;

    public static StatusException NotFound(ResourceKind kind, string name) =>
        new(404, "NotFound", $"{kind.GroupResource} \"{name}\" not found", new(name, kind.Group, kind.Plural));

    public static StatusException AlreadyExists(ResourceKind kind, string name) =>
        new(409, "AlreadyExists", $"{kind.GroupResource} \"{name}\" already exists", new(name, kind.Group, kind.Plural));

    public static StatusException Conflict(ResourceKind kind, string name, string detail =
        "the object has been modified; please apply your changes to the latest version and try again") =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {kind.GroupResource} \"{name}\": {detail}",
            new(name, kind.Group, kind.Plural));

    public static StatusException Invalid(ResourceKind kind, string name, IReadOnlyList<FieldError> errors) =>
        Invalid(kind.GroupKind, kind.Group, kind.Kind, name, errors);

    public static StatusException Invalid(string groupKind, string group, string kind, string name, IReadOnlyList<FieldError> errors)
    {
        var body = errors.Count == 1 ? errors[0].ToString() : $"[{string.Join(", ", errors)}]";
        return new(422, "Invalid", $"{groupKind} \"{name}\" is invalid: {body}",
            new(name, group, kind, [.. errors.Select(e => new StatusCause(e.Reason, e.Message, e.Field))]));
    }

    public static StatusException BadRequest(string message) => new(400, "BadRequest", message);

    public static StatusException MethodNotSupported(ResourceKind kind, string verb) =>
        new(405, "MethodNotAllowed", $"{verb} is not supported on resources of kind \"{kind.GroupResource}\"",
            new(null, kind.Group, kind.Plural));

    public static StatusException NotAcceptable(string accepted) =>
        new(406, "NotAcceptable", $"only the following media types are accepted: {accepted}");

    public static StatusException UnsupportedMediaType(string contentType) =>
        new(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf");

    public static StatusException Unauthorized() => new(401, "Unauthorized", "Unauthorized");

    public static StatusException Expired(long requested, long oldest) =>
        new(410, "Expired", $"too old resource version: {requested} ({oldest})");

    public static StatusException Gone(string message) => new(410, "Gone", message);

    public static StatusException RequestEntityTooLarge(string message = "the request is too large") =>
        new(413, "RequestEntityTooLarge", message);

    public static StatusException Internal(string message) =>
        new(500, "InternalError", $"Internal error occurred: {message}", new(null, "", "", [new("", message, "")]));

    public static StatusException NotFoundPath() =>
        new(404, "NotFound", "the server could not find the requested resource", new(null, "", ""));

    public static StatusException Forbidden(ResourceKind kind, string name, string detail) =>
        new(403, "Forbidden", $"{kind.GroupResource} \"{name}\" is forbidden: {detail}", new(name, kind.Group, kind.Plural));
}

public sealed record StatusDetails(string? Name, string Group, string Kind, IReadOnlyList<StatusCause>? Causes = null)
{
    /// <summary>details.retryAfterSeconds: client-go waits this long before retrying a 429 or 5xx.</summary>
    public int RetryAfterSeconds { get; init; }
}

public sealed record StatusCause(string Reason, string Message, string Field);
