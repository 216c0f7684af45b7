using Emulator.Domain.Errors;
using Emulator.Domain.Security;

namespace Emulator.Api.Security;

/// <summary>
/// The impersonation filter (k8s.io/apiserver pkg/endpoints/filters/impersonation.go): Impersonate-User,
/// Impersonate-Group and Impersonate-Uid headers, each checked with the "impersonate" verb on users, groups,
/// serviceaccounts (for system:serviceaccount:NS:NAME) or uids; the request then runs as the impersonated user.
/// </summary>
public static class Impersonation
{
    public static UserInfo Apply(HttpContext context, UserInfo requestor, RequestAuthorizer authorizer)
    {
        var headers = context.Request.Headers;
        var userName = headers["Impersonate-User"].ToString();
        var groups = headers["Impersonate-Group"].Where(g => !string.IsNullOrEmpty(g)).Select(g => g!).ToList();
        var uid = headers["Impersonate-Uid"].ToString();
        var hasExtra = headers.Keys.Any(k => k.StartsWith("Impersonate-Extra-", StringComparison.OrdinalIgnoreCase));
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
        if (uid.Length > 0)
            authorizer.Require(RequestAttributes.ForResource(requestor, "impersonate", "authentication.k8s.io", "uids", name: uid));

        if (userName == UserInfo.Anonymous)
        {
            if (!resultGroups.Contains(UserInfo.AllUnauthenticated)) resultGroups.Add(UserInfo.AllUnauthenticated);
            return new UserInfo(userName, uid.Length > 0 ? uid : null, resultGroups.Distinct().ToList());
        }
        return UserInfo.Authenticated(userName, uid.Length > 0 ? uid : null, resultGroups);
    }
}
