using Emulator.Domain.Errors;
using Emulator.Domain.Resources;

namespace Emulator.Api.Http;

/// <summary>
/// A resource URL taken apart: /api/v1/namespaces/{ns}/{resource}/{name}/{subresource}/{rest...}
/// and /apis/{group}/{version}/..., including cluster-scoped kinds and cross-namespace lists.
/// </summary>
public sealed record RequestTarget(ResourceDefinition Definition, string? Namespace, string? Name, string? Subresource, string? Rest)
{
    /// <summary>Null when the path is not a resource path (e.g. discovery); throws 404 for unknown resources.</summary>
    public static RequestTarget? Parse(ResourceCatalog catalog, string path)
    {
        var segments = path.Trim('/').Split('/');
        int index;
        string group, version;
        if (segments.Length >= 3 && segments[0] == "api") { group = ""; version = segments[1]; index = 2; }
        else if (segments.Length >= 4 && segments[0] == "apis") { group = segments[1]; version = segments[2]; index = 3; }
        else return null;

        string? ns = null;
        if (segments[index] == "namespaces" && segments.Length > index + 2 && !IsNamespaceSubresource(segments[index + 2]))
        {
            ns = Unescape(segments[index + 1]);
            index += 2;
        }
        var def = catalog.Find(group, version, segments[index]) ?? throw StatusException.NotFoundPath();
        if (ns is not null && !def.Kind.Namespaced) throw StatusException.NotFoundPath();
        var name = segments.Length > index + 1 ? Unescape(segments[index + 1]) : null;
        var sub = segments.Length > index + 2 ? segments[index + 2] : null;
        var rest = segments.Length > index + 3 ? string.Join('/', segments[(index + 3)..]) : null;
        if (name is { Length: 0 }) name = null;
        if (sub is not null && !def.Kind.Subresources.Contains(sub)) throw StatusException.NotFoundPath();
        return new RequestTarget(def, ns, name, sub, rest);
    }

    // /api/v1/namespaces/{name}/status and /finalize address the Namespace object itself.
    private static bool IsNamespaceSubresource(string segment) => segment is "status" or "finalize";

    private static string Unescape(string segment) => Uri.UnescapeDataString(segment);
}
