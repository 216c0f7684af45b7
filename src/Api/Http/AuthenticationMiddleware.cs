using Emulator.Api.Hosting;
using Emulator.Domain.Errors;

namespace Emulator.Api.Http;

/// <summary>
/// Bearer-token authentication on the HTTPS API, as a real cluster's token authenticator. Health and version paths
/// stay open (system:public-info-viewer); the plain HTTP port is loopback-only and unauthenticated by design.
/// </summary>
public sealed class AuthenticationMiddleware(RequestDelegate next, Credentials credentials, EmulatorOptions options)
{
    private static readonly string[] OpenPaths = ["/readyz", "/livez", "/healthz", "/version"];

    public Task InvokeAsync(HttpContext context)
    {
        var secure = context.Connection.LocalPort == options.ApiPort && context.Request.IsHttps;
        if (!secure || IsOpen(context.Request.Path) || credentials.Accepts(context.Request.Headers.Authorization))
            return next(context);
        return StatusWriter.WriteAsync(context, StatusException.Unauthorized());
    }

    private static bool IsOpen(PathString path) =>
        OpenPaths.Any(p => path.Equals(p, StringComparison.Ordinal) || path.StartsWithSegments(p, StringComparison.Ordinal));
}
