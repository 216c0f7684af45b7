using Emulator.Domain.Security;

namespace Emulator.Api.Security;

/// <summary>The user a request acts as (after impersonation), kept on the HttpContext as the apiserver keeps it on the context.</summary>
public static class RequestUser
{
    private const string Key = "emulator.user";

    /// <summary>Who the plain HTTP port and in-process tests act as: the old insecure port's privileged user.</summary>
    public static readonly UserInfo Unsecured = new("system:unsecured", null, [UserInfo.SystemMasters, UserInfo.AllAuthenticated]);

    public static UserInfo Get(HttpContext context) => context.Items[Key] as UserInfo ?? Unsecured;

    public static void Set(HttpContext context, UserInfo user) => context.Items[Key] = user;
}
