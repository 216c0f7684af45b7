using Emulator.Api.Hosting;
using Emulator.Api.Security;
using Emulator.Domain.Errors;
using Emulator.Domain.Security;

namespace Emulator.Api.Http;

/// <summary>
/// The HTTPS port's request filters in kube-apiserver's order: authentication (client certificate, bearer tokens,
/// service account JWTs), impersonation, then authorization. Health and version paths stay open
/// (system:public-info-viewer); the plain HTTP port is loopback-only and unauthenticated by design, with full access.
/// </summary>
public sealed class AuthenticationMiddleware(RequestDelegate next, Authenticator authenticator, RequestAuthorizer authorizer, EmulatorOptions options)
{
    private static readonly string[] OpenPaths = ["/readyz", "/livez", "/healthz", "/version"];

    public Task InvokeAsync(HttpContext context)
    {
        var secure = context.Connection.LocalPort == options.ApiPort && context.Request.IsHttps;
        if (!secure || IsOpen(context.Request.Path)) return next(context);
        var user = authenticator.Authenticate(context);
        if (user is null) return StatusWriter.WriteAsync(context, StatusException.Unauthorized());
        user = Impersonation.Apply(context, user, authorizer);
        RequestUser.Set(context, user);
        var request = RequestInfoResolver.Resolve(user, context.Request.Method, context.Request.Path.Value ?? "/",
            name => context.Request.Query.TryGetValue(name, out var v) ? v.ToString() : null);
        authorizer.Require(request);
        return next(context);
    }

    private static bool IsOpen(PathString path) =>
        OpenPaths.Any(p => path.Equals(p, StringComparison.Ordinal) || path.StartsWithSegments(p, StringComparison.Ordinal));
}
