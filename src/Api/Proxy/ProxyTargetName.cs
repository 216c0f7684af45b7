using Emulator.Domain.Errors;

namespace Emulator.Api.Proxy;

/// <summary>
/// The name segment of a proxy URL, <c>[scheme:]name[:port]</c> (k8s.io/apimachinery/pkg/util/net
/// SplitSchemeNamePort): the scheme is http, https or empty; the port is a port name or number.
/// </summary>
public sealed record ProxyTargetName(string Scheme, string Name, string Port)
{
    public static ProxyTargetName Parse(string id, string kind)
    {
        var parts = id.Split(':');
        var (scheme, name, port) = parts.Length switch
        {
            1 => ("", parts[0], ""),
            2 => ("", parts[0], parts[1]),
            3 => (parts[0], parts[1], parts[2]),
            _ => ("", "", ""),
        };
        if (name.Length == 0 || scheme is not ("" or "http" or "https"))
            throw StatusException.BadRequest($"invalid {kind} request \"{id}\"");
        return new ProxyTargetName(scheme, name, port);
    }

    /// <summary>
    /// The backend path: everything after <c>/proxy</c> in the raw request target (still escaped, trailing slash
    /// kept, "/" when empty), since the parsed resource path drops both.
    /// </summary>
    public static string RestPath(HttpContext context)
    {
        var raw = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "";
        var query = raw.IndexOf('?', StringComparison.Ordinal);
        var path = query >= 0 ? raw[..query] : raw;
        var segments = path.Split('/');
        for (var i = 2; i < segments.Length; i++)
        {
            if (segments[i] == "proxy" && segments[i - 2] is "services" or "pods")
                return "/" + string.Join('/', segments[(i + 1)..]);
        }
        return "/";
    }
}
