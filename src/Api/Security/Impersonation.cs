using Emulator.Domain.Errors;
using Emulator.Domain.Security;

namespace Emulator.Api.Security;

/// <summary>
/// The impersonation filter (k8s.io/apiserver pkg/endpoints/filters/impersonation.go): Impersonate-User,
/// Impersonate-Group, Impersonate-Extra-KEY and Impersonate-Uid headers, each checked with the "impersonate" verb on
/// users, groups, serviceaccounts (for system:serviceaccount:NS:NAME), userextras/KEY (named by the value) or uids, in
/// that order; the request then runs as the impersonated user, extras included.
/// </summary>
public static class Impersonation
{
    private const string ExtraPrefix = "Impersonate-Extra-";

    public static UserInfo Apply(HttpContext context, UserInfo requestor, RequestAuthorizer authorizer)
    {
        var headers = context.Request.Headers;
        var userName = headers["Impersonate-User"].ToString();
        var groups = headers["Impersonate-Group"].Where(g => !string.IsNullOrEmpty(g)).Select(g => g!).ToList();
        var uid = headers["Impersonate-Uid"].ToString();
        var extra = new Dictionary<string, List<string>>();
        foreach (var (header, values) in headers)
        {
            if (!header.StartsWith(ExtraPrefix, StringComparison.OrdinalIgnoreCase)) continue;
            // unescapeExtraKey: the key is lower-cased, then percent-decoded (client-go escapes what a header name cannot carry).
            var key = Uri.UnescapeDataString(header[ExtraPrefix.Length..].ToLowerInvariant());
            if (!extra.TryGetValue(key, out var list)) extra[key] = list = [];
            list.AddRange(values.Where(v => v is not null).Select(v => v!));
        }
        var hasExtra = extra.Count > 0;
        if (userName.Length == 0)
        {
            if (groups.Count > 0 || uid.Length > 0 || hasExtra)
                throw StatusException.Internal("requested impersonation of groups, uid or extra without impersonating a user");
            return requestor;
        }

        var resultGroups = new List<string>();
        if (userName.StartsWith(UserInfo.ServiceAccountPrefix, StringComparison.Ordinal)
            && userName[UserInfo.ServiceAccountPrefix.Length..].Split(':') is [var ns, var name] && ns.Length > 0 && name.Length > 0)
        {
            authorizer.Require(RequestAttributes.ForResource(requestor, "impersonate", "", "serviceaccounts", ns: ns, name: name));
            resultGroups.AddRange([UserInfo.ServiceAccountsGroup, $"{UserInfo.ServiceAccountsGroup}:{ns}"]);
        }
        else
        {
            authorizer.Require(RequestAttributes.ForResource(requestor, "impersonate", "", "users", name: userName));
        }
        foreach (var group in groups)
        {
            authorizer.Require(RequestAttributes.ForResource(requestor, "impersonate", "", "groups", name: group));
            resultGroups.Add(group);
        }
        foreach (var (key, values) in extra.OrderBy(e => e.Key, StringComparer.Ordinal))
            foreach (var value in values)
                authorizer.Require(RequestAttributes.ForResource(requestor, "impersonate", "authentication.k8s.io", "userextras", key, name: value));
        if (uid.Length > 0)
            authorizer.Require(RequestAttributes.ForResource(requestor, "impersonate", "authentication.k8s.io", "uids", name: uid));
        var extras = extra.ToDictionary(e => e.Key, e => (IReadOnlyList<string>)e.Value);

        if (userName == UserInfo.Anonymous)
        {
            if (!resultGroups.Contains(UserInfo.AllUnauthenticated)) resultGroups.Add(UserInfo.AllUnauthenticated);
            return new UserInfo(userName, uid.Length > 0 ? uid : null, resultGroups.Distinct().ToList()) { Extra = extras };
        }
        return UserInfo.Authenticated(userName, uid.Length > 0 ? uid : null, resultGroups) with { Extra = extras };
    }
}
