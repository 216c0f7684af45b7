using k8s.Models;

namespace Emulator.Domain.Security;

/// <summary>The RBAC objects the authorizer reads (the informer caches of the real RBAC authorizer).</summary>
public interface IRbacPolicySource
{
    IEnumerable<V1ClusterRoleBinding> ClusterRoleBindings();

    IEnumerable<V1RoleBinding> RoleBindings(string ns);

    V1ClusterRole? ClusterRole(string name);

    V1Role? Role(string ns, string name);
}
