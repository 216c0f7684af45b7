using System.Text.Json.Nodes;
using Emulator.Api.Http;
using Emulator.Domain.Errors;
using Emulator.Domain.Resources;
using Emulator.Domain.Security;
using Emulator.Infrastructure.Security;

namespace Emulator.Api.Security;

/// <summary>
/// The reviews other components ask on someone else's behalf (system:auth-delegator): TokenReview
/// (pkg/registry/authentication/tokenreview/storage.go) runs the bearer token authenticators on spec.token;
/// SubjectAccessReview and LocalSubjectAccessReview (pkg/registry/authorization/*subjectaccessreview/rest.go) ask the
/// authorizer about spec.user/groups/uid/extra. Answered, never stored.
/// </summary>
public static class DelegatedReviewEndpoints
{
    private const string AuthorizationGroup = "authorization.k8s.io";

    public static void MapDelegatedReviews(this IEndpointRouteBuilder app)
    {
        app.MapPost("/apis/authentication.k8s.io/v1/tokenreviews", TokenReview).ExcludeFromDescription();
        app.MapPost("/apis/authorization.k8s.io/v1/subjectaccessreviews", SubjectAccessReview).ExcludeFromDescription();
        app.MapPost("/apis/authorization.k8s.io/v1/namespaces/{namespace}/localsubjectaccessreviews", LocalSubjectAccessReview)
            .ExcludeFromDescription();
    }

    private static async Task TokenReview(HttpContext context, ResourceCatalog catalog, Authenticator authenticator, ServiceAccountTokens tokens)
    {
        var def = catalog.Get("authentication.k8s.io", "TokenReview");
        var body = await BodyReader.ReadObjectAsync(context.Request, def.Kind, context.RequestAborted);
        var spec = body["spec"] as JsonObject;
        var token = spec?.Str("token") ?? "";
        // The internal group version is what the real message names.
        if (token.Length == 0) throw StatusException.BadRequest("token is required for TokenReview in authentication.k8s.io/__internal");
        // --api-audiences defaults to the service account issuer; a review for other audiences finds no authenticator
        // that serves them (static tokens are audience-agnostic to the API's own audiences only).
        var requested = spec?["audiences"] is JsonArray { Count: > 0 } a ? a.Select(n => n?.GetValue<string>() ?? "").ToList() : [tokens.Issuer];
        var user = requested.Contains(tokens.Issuer) ? authenticator.AuthenticateToken(token) : null;
        var status = new JsonObject();
        if (user is not null) status["authenticated"] = true;
        status["user"] = user is null ? new JsonObject() : SecurityEndpoints.UserInfoJson(user);
        if (user is not null) status["audiences"] = SecurityEndpoints.Strings([tokens.Issuer]);
        await ResponseWriter.WriteNodeAsync(context, 201, SecurityEndpoints.Review(def.Kind, body, status));
    }

    private static async Task SubjectAccessReview(HttpContext context, ResourceCatalog catalog, RequestAuthorizer authorizer)
    {
        var def = catalog.Get(AuthorizationGroup, "SubjectAccessReview");
        var body = await BodyReader.ReadObjectAsync(context.Request, def.Kind, context.RequestAborted);
        var spec = body["spec"] as JsonObject;
        var errors = SpecErrors(spec);
        if (!MetadataEmpty(body, allowNamespace: false))
            errors.Add(FieldError.Invalid("metadata", body["metadata"]?.ToJsonString(), "must be empty"));
        if (errors.Count > 0) throw StatusException.Invalid(def.Kind, "", errors);
        await Answer(context, def.Kind, body, authorizer);
    }

    private static async Task LocalSubjectAccessReview(HttpContext context, string @namespace, ResourceCatalog catalog, RequestAuthorizer authorizer)
    {
        var def = catalog.Get(AuthorizationGroup, "LocalSubjectAccessReview");
        var body = await BodyReader.ReadObjectAsync(context.Request, def.Kind, context.RequestAborted);
        // The create handler's EnsureObjectNamespaceMatchesRequestNamespace: defaulted from the URL, refused if different.
        if (body["metadata"] is not JsonObject meta) body["metadata"] = meta = new JsonObject();
        var bodyNamespace = meta.Str("namespace") ?? "";
        if (bodyNamespace.Length > 0 && bodyNamespace != @namespace)
            throw StatusException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        meta["namespace"] = @namespace;
        var spec = body["spec"] as JsonObject;
        var errors = SpecErrors(spec);
        if (!MetadataEmpty(body, allowNamespace: true))
            errors.Add(FieldError.Invalid("metadata", meta.ToJsonString(), "must be empty except for namespace"));
        if (spec?["resourceAttributes"] is JsonObject resource && (resource.Str("namespace") ?? "") != @namespace)
            errors.Add(FieldError.Invalid("spec.resourceAttributes.namespace", resource.Str("namespace") ?? "", "must match metadata.namespace"));
        if (spec?["nonResourceAttributes"] is JsonObject nonResource)
            errors.Add(FieldError.Invalid("spec.nonResourceAttributes", nonResource.ToJsonString(), "disallowed on this kind of request"));
        if (errors.Count > 0) throw StatusException.Invalid(def.Kind, "", errors);
        await Answer(context, def.Kind, body, authorizer);
    }

    private static async Task Answer(HttpContext context, ResourceKind kind, JsonObject body, RequestAuthorizer authorizer)
    {
        var spec = (JsonObject)body["spec"]!;
        var extra = new Dictionary<string, IReadOnlyList<string>>();
        if (spec["extra"] is JsonObject extras)
            foreach (var (key, values) in extras)
                extra[key] = values is JsonArray list ? [.. list.Select(v => v?.GetValue<string>() ?? "")] : [];
        var groups = spec["groups"] is JsonArray g ? g.Select(v => v?.GetValue<string>() ?? "").ToList() : [];
        // The subject is taken as given: no system:authenticated is added, as the authorizer sees exactly spec's user.
        var user = new UserInfo(spec.Str("user") ?? "", spec.Str("uid"), groups) { Extra = extra };
        var decision = authorizer.Decide(Attributes(user, spec["resourceAttributes"] as JsonObject, spec["nonResourceAttributes"] as JsonObject));
        var status = new JsonObject { ["allowed"] = decision.Allowed };
        if (decision.Reason.Length > 0) status["reason"] = decision.Reason;
        await ResponseWriter.WriteNodeAsync(context, 201, SecurityEndpoints.Review(kind, body, status));
    }

    /// <summary>authorizationutil.AuthorizationAttributesFrom: resource attributes or a non-resource path and verb.</summary>
    internal static RequestAttributes Attributes(UserInfo user, JsonObject? resource, JsonObject? nonResource) => resource is not null
        ? RequestAttributes.ForResource(user, resource.Str("verb") ?? "", resource.Str("group") ?? "", resource.Str("resource") ?? "",
            resource.Str("subresource") ?? "", resource.Str("namespace") ?? "", resource.Str("name") ?? "")
        : RequestAttributes.ForPath(user, nonResource?.Str("verb") ?? "", nonResource?.Str("path") ?? "");

    /// <summary>ValidateSubjectAccessReviewSpec, in its order.</summary>
    private static List<FieldError> SpecErrors(JsonObject? spec)
    {
        var errors = new List<FieldError>();
        var resource = spec?["resourceAttributes"] as JsonObject;
        var nonResource = spec?["nonResourceAttributes"] as JsonObject;
        if (resource is not null && nonResource is not null)
            errors.Add(FieldError.Invalid("spec.nonResourceAttributes", nonResource.ToJsonString(), "cannot be specified in combination with resourceAttributes"));
        if (resource is null && nonResource is null)
            errors.Add(FieldError.Invalid("spec.resourceAttributes", null, "exactly one of nonResourceAttributes or resourceAttributes must be specified"));
        if (string.IsNullOrEmpty(spec?.Str("user")) && spec?["groups"] is not JsonArray { Count: > 0 })
            errors.Add(FieldError.Invalid("spec.user", spec?.Str("user") ?? "", "at least one of user or group must be specified"));
        return errors;
    }

    /// <summary>Reviews carry no object metadata: anything but managedFields (and a local review's namespace) is refused.</summary>
    private static bool MetadataEmpty(JsonObject body, bool allowNamespace) =>
        body["metadata"] is not JsonObject meta
        || meta.All(p => p.Value is null || p.Key == "managedFields" || (allowNamespace && p.Key == "namespace")
            || p.Value is JsonObject { Count: 0 } || p.Value is JsonArray { Count: 0 } || (p.Value is JsonValue v && v.ToJsonString() == "\"\""));
}
