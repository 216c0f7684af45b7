using System.Text.Json.Nodes;
using Emulator.Domain.Errors;
using Emulator.Domain.Resources;
using Emulator.Domain.Security;
using Emulator.Infrastructure.Registry;
using k8s.Models;

namespace Emulator.Api.Security;

/// <summary>
/// The policy-based RBAC storage of kube-apiserver (pkg/registry/rbac/{role,clusterrole,rolebinding,clusterrolebinding}/
/// policybased/storage.go), as a registry hook so every write path is covered: create, PUT, PATCH and apply. A Role or
/// ClusterRole may only grant what its writer holds unless the writer has "escalate" on it; a binding may only refer to
/// a role whose rules its writer holds unless the writer has "bind" on that role. system:masters, the plain HTTP port
/// and controllers (no request) are not checked, as EscalationAllowed lets privileged loopback writes through.
/// </summary>
public sealed class RbacEscalationHook(IHttpContextAccessor accessor, RequestAuthorizer authorizer, RbacAuthorizer rbac, ResourceCatalog catalog)
    : IAdmissionHook
{
    private const string Group = "rbac.authorization.k8s.io";

    public bool AppliesTo(ResourceKind kind) =>
        kind.Group == Group && kind.Plural is "roles" or "clusterroles" or "rolebindings" or "clusterrolebindings";

    public IHookTransaction? BeginCreate(ResourceKind kind, JsonObject obj, bool dryRun)
    {
        Check(kind, obj, null);
        return null;
    }

    public IHookTransaction? BeginUpdate(ResourceKind kind, JsonObject obj, JsonObject old, bool dryRun)
    {
        // IsOnlyMutatingGCFields: the garbage collector removing owner references or finalizers is never an escalation.
        if (!OnlyGcFieldsChanged(obj, old)) Check(kind, obj, old);
        return null;
    }

    public void AfterDelete(ResourceKind kind, JsonObject obj)
    {
    }

    private void Check(ResourceKind kind, JsonObject obj, JsonObject? old)
    {
        if (accessor.HttpContext is not { } context) return;
        var user = RequestUser.Get(context);
        if (user.IsPrivileged) return;
        var ns = obj.Namespace() ?? "";
        var name = obj.Name() ?? "";
        if (kind.Plural is "roles" or "clusterroles")
            CheckRole(kind, obj, old, user, ns, name, HttpMethods.IsPost(context.Request.Method) ? "" : name);
        else
            CheckBinding(kind, obj, user, ns, name);
    }

    private void CheckRole(ResourceKind kind, JsonObject obj, JsonObject? old, UserInfo user, string ns, string name, string requestName)
    {
        // RoleEscalationAuthorized: the "escalate" verb on the role being written lifts the check.
        if (authorizer.Decide(RequestAttributes.ForResource(user, "escalate", Group, kind.Plural, ns: ns, name: requestName)).Allowed) return;
        var errors = new List<string>();
        var held = rbac.RulesFor(user, ns, errors);
        var rules = obj["rules"] is JsonArray array ? k8s.KubernetesJson.Deserialize<List<V1PolicyRule>>(array.ToJsonString()) : [];
        if (RbacEscalation.Check(user, held, rules, errors) is { } detail) throw StatusException.Forbidden(kind, name, detail);
        // An aggregationRule can gather anything and keeps a role from being tightened: it needs everything.
        if (kind.Plural == "clusterroles" && (HasAggregationRule(obj) || (old is not null && HasAggregationRule(old)))
            && RbacEscalation.Check(user, held, RbacAuthorizer.FullAuthority, errors) is not null)
            throw StatusException.Forbidden(kind, name, "must have cluster-admin privileges to use the aggregationRule");
    }

    private void CheckBinding(ResourceKind kind, JsonObject obj, UserInfo user, string ns, string name)
    {
        if (obj["roleRef"] is not JsonObject refNode) return;
        var roleRef = new V1RoleRef { ApiGroup = refNode.Str("apiGroup") ?? "", Kind = refNode.Str("kind") ?? "", Name = refNode.Str("name") ?? "" };
        // Anything but Role/ClusterRole is left to validation, which refuses it.
        if (roleRef.Kind is not ("Role" or "ClusterRole")) return;
        // BindingAuthorized: "bind" on the referenced role, checked in the binding's namespace ("" for cluster bindings).
        var resource = roleRef.Kind == "ClusterRole" ? "clusterroles" : "roles";
        if (authorizer.Decide(RequestAttributes.ForResource(user, "bind", roleRef.ApiGroup, resource, ns: ns, name: roleRef.Name)).Allowed) return;
        var rules = rbac.RoleReferenceRules(roleRef, ns)
            ?? throw StatusException.NotFound(catalog.Get(Group, roleRef.Kind).Kind, roleRef.Name);
        var errors = new List<string>();
        var held = rbac.RulesFor(user, ns, errors);
        if (RbacEscalation.Check(user, held, rules, errors) is { } detail) throw StatusException.Forbidden(kind, name, detail);
    }

    private static bool HasAggregationRule(JsonObject role) => role["aggregationRule"]?["clusterRoleSelectors"] is JsonArray { Count: > 0 };

    private static bool OnlyGcFieldsChanged(JsonObject obj, JsonObject old)
    {
        var a = (JsonObject)obj.DeepClone();
        var b = (JsonObject)old.DeepClone();
        foreach (var field in new[] { "ownerReferences", "finalizers", "resourceVersion", "managedFields", "generation" })
        {
            a.Meta().Remove(field);
            b.Meta().Remove(field);
        }
        return JsonNode.DeepEquals(a, b);
    }
}
