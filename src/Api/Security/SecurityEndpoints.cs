using System.Text.Json.Nodes;
using Emulator.Api.Http;
using Emulator.Domain.Errors;
using Emulator.Domain.Resources;
using Emulator.Domain.Security;
using k8s;
using k8s.Models;

namespace Emulator.Api.Security;

/// <summary>
/// The reviews that are answered rather than stored: SelfSubjectAccessReview (kubectl auth can-i),
/// SelfSubjectRulesReview (kubectl auth can-i --list) and SelfSubjectReview (kubectl auth whoami), each for the
/// requesting user after impersonation. Literal routes, so they win over the generic resource dispatcher.
/// </summary>
public static class SecurityEndpoints
{
    public static void MapSecurity(this IEndpointRouteBuilder app)
    {
        app.MapPost("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", AccessReview).ExcludeFromDescription();
        app.MapPost("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews", RulesReview).ExcludeFromDescription();
        app.MapPost("/apis/authentication.k8s.io/v1/selfsubjectreviews", UserReview).ExcludeFromDescription();
        app.MapDelegatedReviews();
    }

    private static async Task AccessReview(HttpContext context, ResourceCatalog catalog, RequestAuthorizer authorizer)
    {
        var def = catalog.Get("authorization.k8s.io", "SelfSubjectAccessReview");
        var body = await BodyReader.ReadObjectAsync(context.Request, def.Kind, context.RequestAborted);
        var user = RequestUser.Get(context);
        var spec = body["spec"] as JsonObject;
        var resource = spec?["resourceAttributes"] as JsonObject;
        var nonResource = spec?["nonResourceAttributes"] as JsonObject;
        if ((resource is null) == (nonResource is null))
            throw StatusException.Invalid(def.Kind, "", [FieldError.Invalid("spec.resourceAttributes", "null",
                "exactly one of nonResourceAttributes or resourceAttributes must be specified")]);
        var attributes = resource is not null
            ? RequestAttributes.ForResource(user, resource.Str("verb") ?? "", resource.Str("group") ?? "", resource.Str("resource") ?? "",
                resource.Str("subresource") ?? "", resource.Str("namespace") ?? "", resource.Str("name") ?? "")
            : RequestAttributes.ForPath(user, nonResource!.Str("verb") ?? "", nonResource.Str("path") ?? "");
        var decision = authorizer.Decide(attributes);
        var status = new JsonObject { ["allowed"] = decision.Allowed };
        if (decision.Reason.Length > 0) status["reason"] = decision.Reason;
        await ResponseWriter.WriteNodeAsync(context, 201, Review(def.Kind, body, status));
    }

    private static async Task RulesReview(HttpContext context, ResourceCatalog catalog, RequestAuthorizer authorizer, RbacAuthorizer rbac)
    {
        var def = catalog.Get("authorization.k8s.io", "SelfSubjectRulesReview");
        var body = await BodyReader.ReadObjectAsync(context.Request, def.Kind, context.RequestAborted);
        var ns = body["spec"]?.Str("namespace") ?? "";
        var user = RequestUser.Get(context);
        IReadOnlyList<V1PolicyRule> rules = authorizer.AlwaysAllow
            ? [new V1PolicyRule { Verbs = ["*"], ApiGroups = ["*"], Resources = ["*"] }, new V1PolicyRule { Verbs = ["*"], NonResourceURLs = ["*"] }]
            : rbac.RulesFor(user, ns);
        var resourceRules = new JsonArray();
        var nonResourceRules = new JsonArray();
        foreach (var rule in rules)
        {
            if (rule.NonResourceURLs is { Count: > 0 })
                nonResourceRules.Add(new JsonObject { ["verbs"] = Strings(rule.Verbs), ["nonResourceURLs"] = Strings(rule.NonResourceURLs) });
            else
            {
                var r = new JsonObject { ["verbs"] = Strings(rule.Verbs), ["apiGroups"] = Strings(rule.ApiGroups), ["resources"] = Strings(rule.Resources) };
                if (rule.ResourceNames is { Count: > 0 }) r["resourceNames"] = Strings(rule.ResourceNames);
                resourceRules.Add(r);
            }
        }
        var status = new JsonObject { ["resourceRules"] = resourceRules, ["nonResourceRules"] = nonResourceRules, ["incomplete"] = false };
        await ResponseWriter.WriteNodeAsync(context, 201, Review(def.Kind, body, status));
    }

    private static async Task UserReview(HttpContext context, ResourceCatalog catalog)
    {
        var def = catalog.Get("authentication.k8s.io", "SelfSubjectReview");
        var body = await BodyReader.ReadObjectAsync(context.Request, def.Kind, context.RequestAborted);
        var user = RequestUser.Get(context);
        await ResponseWriter.WriteNodeAsync(context, 201, Review(def.Kind, body, new JsonObject { ["userInfo"] = UserInfoJson(user) }));
    }

    /// <summary>authentication/v1 UserInfo: username, uid, groups and extra, each left out when empty.</summary>
    internal static JsonObject UserInfoJson(UserInfo user)
    {
        var info = new JsonObject();
        if (user.Name.Length > 0) info["username"] = user.Name;
        if (user.Uid is { Length: > 0 } uid) info["uid"] = uid;
        if (user.Groups.Count > 0) info["groups"] = Strings(user.Groups);
        if (user.Extra.Count > 0)
            info["extra"] = new JsonObject(user.Extra.OrderBy(e => e.Key, StringComparer.Ordinal)
                .Select(e => KeyValuePair.Create(e.Key, (JsonNode?)Strings(e.Value))));
        return info;
    }

    internal static JsonObject Review(ResourceKind kind, JsonObject body, JsonObject status)
    {
        var meta = body["metadata"] as JsonObject ?? new JsonObject();
        meta = (JsonObject)meta.DeepClone();
        meta["creationTimestamp"] ??= null;
        var review = new JsonObject { ["kind"] = kind.Kind, ["apiVersion"] = kind.ApiVersion, ["metadata"] = meta };
        if (body["spec"] is { } spec) review["spec"] = spec.DeepClone();
        review["status"] = status;
        return review;
    }

    internal static JsonArray Strings(IEnumerable<string>? values) => new([.. (values ?? []).Select(v => (JsonNode)JsonValue.Create(v)!)]);
}
