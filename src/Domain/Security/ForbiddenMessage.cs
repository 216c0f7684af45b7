using Emulator.Domain.Errors;

namespace Emulator.Domain.Security;

/// <summary>
/// The 403 a denied request gets, worded as k8s.io/apiserver's responsewriters.Forbidden and apierrors.NewForbidden:
/// <c>pods "x" is forbidden: User "jane" cannot delete resource "pods" in API group "" in the namespace "default"</c>.
/// </summary>
public static class ForbiddenMessage
{
    public static string Describe(RequestAttributes a)
    {
        if (!a.IsResourceRequest) return $"User \"{a.User.Name}\" cannot {a.Verb} path \"{a.Path}\"";
        var resource = a.Subresource.Length > 0 ? $"{a.Resource}/{a.Subresource}" : a.Resource;
        return a.Namespace.Length > 0
            ? $"User \"{a.User.Name}\" cannot {a.Verb} resource \"{resource}\" in API group \"{a.ApiGroup}\" in the namespace \"{a.Namespace}\""
            : $"User \"{a.User.Name}\" cannot {a.Verb} resource \"{resource}\" in API group \"{a.ApiGroup}\" at the cluster scope";
    }

    public static StatusException Exception(RequestAttributes a, string reason)
    {
        var detail = Describe(a);
        if (reason.Length > 0) detail = $"{detail}: {reason}";
        if (!a.IsResourceRequest || a.Resource.Length == 0)
            return new StatusException(403, "Forbidden", $"forbidden: {detail}", new StatusDetails(null, "", ""));
        var groupResource = a.ApiGroup.Length > 0 ? $"{a.Resource}.{a.ApiGroup}" : a.Resource;
        var message = a.Name.Length > 0 ? $"{groupResource} \"{a.Name}\" is forbidden: {detail}" : $"{groupResource} is forbidden: {detail}";
        return new StatusException(403, "Forbidden", message, new StatusDetails(a.Name.Length > 0 ? a.Name : null, a.ApiGroup, a.Resource));
    }
}
