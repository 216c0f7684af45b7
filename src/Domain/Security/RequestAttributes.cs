namespace Emulator.Domain.Security;

/// <summary>
/// What a request asks to do, as k8s.io/apiserver's authorizer.Attributes: resource requests carry verb, API group,
/// resource, subresource, namespace and name; other requests (discovery, /healthz, /openapi) carry a verb and a path.
/// </summary>
public sealed record RequestAttributes(
    UserInfo User,
    string Verb,
    bool IsResourceRequest,
    string Path,
    string ApiGroup = "",
    string ApiVersion = "",
    string Resource = "",
    string Subresource = "",
    string Namespace = "",
    string Name = "")
{
    public static RequestAttributes ForResource(UserInfo user, string verb, string group, string resource, string subresource = "",
        string ns = "", string name = "") =>
        new(user, verb, true, "", group, "", resource, subresource, ns, name);

    public static RequestAttributes ForPath(UserInfo user, string verb, string path) => new(user, verb, false, path);
}
