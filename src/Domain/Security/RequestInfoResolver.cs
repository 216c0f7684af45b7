namespace Emulator.Domain.Security;

/// <summary>
/// Turns method + path + query into request attributes the way k8s.io/apiserver's RequestInfoFactory does:
/// /api/v1/... and /apis/GROUP/VERSION/... with a resource are resource requests (GET → get/list/watch, POST → create,
/// PUT → update, PATCH → patch, DELETE → delete/deletecollection); everything else is a non-resource request whose
/// verb is the lower-cased HTTP method.
/// </summary>
public static class RequestInfoResolver
{
    private static readonly HashSet<string> NamespaceSubresources = ["status", "finalize"];

    public static RequestAttributes Resolve(UserInfo user, string method, string path, Func<string, string?> query)
    {
        var nonResource = RequestAttributes.ForPath(user, method.ToLowerInvariant(), path);
        var parts = path.Trim('/').Split('/', StringSplitOptions.None);
        if (parts.Length == 0 || parts[0] is not ("api" or "apis")) return nonResource;
        int index;
        string group = "", version;
        if (parts[0] == "api")
        {
            if (parts.Length < 3) return nonResource;
            version = parts[1];
            index = 2;
        }
        else
        {
            if (parts.Length < 4) return nonResource;
            group = parts[1];
            version = parts[2];
            index = 3;
        }
        var rest = parts[index..].Select(Uri.UnescapeDataString).ToArray();
        if (rest.Length == 0 || rest[0].Length == 0) return nonResource;

        var watchPath = false;
        if (rest[0] == "watch") { watchPath = true; rest = rest[1..]; }
        var verb = method.ToUpperInvariant() switch
        {
            "POST" => "create",
            "GET" or "HEAD" => "get",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" => "delete",
            _ => "",
        };

        var ns = "";
        if (rest.Length > 0 && rest[0] == "namespaces" && rest.Length > 1)
        {
            ns = rest[1];
            // /namespaces/NAME and /namespaces/NAME/status|finalize address the namespace itself.
            if (rest.Length > 2 && !NamespaceSubresources.Contains(rest[2])) rest = rest[2..];
        }
        if (rest.Length == 0) return nonResource;
        var resource = rest[0];
        var name = rest.Length >= 2 ? rest[1] : "";
        var subresource = rest.Length >= 3 ? rest[2] : "";

        if (watchPath && verb == "get") verb = "watch";
        if (name.Length == 0)
        {
            if (verb == "get") verb = IsTrue(query("watch")) ? "watch" : "list";
            else if (verb == "delete") verb = "deletecollection";
            // A list or watch narrowed to one name by fieldSelector=metadata.name=X is authorized for that name.
            if (verb is "list" or "watch" && query("fieldSelector") is { } selector)
                name = NameFromFieldSelector(selector) ?? "";
        }
        return new RequestAttributes(user, verb, true, path, group, version, resource, subresource, ns, name);
    }

    private static bool IsTrue(string? value) => value is not null && (value == "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase));

    private static string? NameFromFieldSelector(string selector)
    {
        foreach (var term in selector.Split(','))
        {
            var t = term.Trim();
            foreach (var op in new[] { "==", "=" })
                if (t.StartsWith("metadata.name" + op, StringComparison.Ordinal)) return t[("metadata.name" + op).Length..];
        }
        return null;
    }
}
