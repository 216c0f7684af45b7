using Emulator.Domain.Security;
using k8s.Models;

namespace Emulator.Domain.Tests.Rbac;

/// <summary>RBAC objects held in lists, with the bootstrap ClusterRoles and bindings preloaded.</summary>
internal sealed class InMemoryPolicy : IRbacPolicySource
{
    public List<V1ClusterRole> ClusterRolesList { get; } = [.. BootstrapPolicy.ClusterRoles()];
    public List<V1ClusterRoleBinding> ClusterRoleBindingsList { get; } = [.. BootstrapPolicy.ClusterRoleBindings()];
    public List<V1Role> Roles { get; } = [];
    public List<V1RoleBinding> Bindings { get; } = [];

    public IEnumerable<V1ClusterRoleBinding> ClusterRoleBindings() => ClusterRoleBindingsList;

    public IEnumerable<V1RoleBinding> RoleBindings(string ns) => Bindings.Where(b => b.Metadata.NamespaceProperty == ns);

    public V1ClusterRole? ClusterRole(string name) => ClusterRolesList.FirstOrDefault(r => r.Metadata.Name == name);

    public V1Role? Role(string ns, string name) => Roles.FirstOrDefault(r => r.Metadata.NamespaceProperty == ns && r.Metadata.Name == name);

    public InMemoryPolicy Bind(string ns, string name, string roleKind, string role, params Rbacv1Subject[] subjects)
    {
        Bindings.Add(new V1RoleBinding
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = roleKind, Name = role },
            Subjects = subjects,
        });
        return this;
    }

    public static Rbacv1Subject User(string name) => new() { Kind = "User", Name = name, ApiGroup = "rbac.authorization.k8s.io" };

    public static Rbacv1Subject Group(string name) => new() { Kind = "Group", Name = name, ApiGroup = "rbac.authorization.k8s.io" };

    public static Rbacv1Subject ServiceAccount(string name, string? ns = null) => new() { Kind = "ServiceAccount", Name = name, NamespaceProperty = ns };
}
