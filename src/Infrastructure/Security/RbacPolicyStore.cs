using Emulator.Domain.Security;
using Emulator.Infrastructure.Endpoints;
using Emulator.Infrastructure.Registry;
using Emulator.Infrastructure.Storage;
using k8s.Models;

namespace Emulator.Infrastructure.Security;

/// <summary>The RBAC objects read from the store's in-memory snapshots, each decoded once per stored version.</summary>
public sealed class RbacPolicyStore(ObjectStore store) : IRbacPolicySource
{
    private const string Group = "rbac.authorization.k8s.io";
    private static readonly ResourceKey ClusterRoleBindingsKey = new(Group, "clusterrolebindings");
    private static readonly ResourceKey RoleBindingsKey = new(Group, "rolebindings");

    public IEnumerable<V1ClusterRoleBinding> ClusterRoleBindings() =>
        store.List(ClusterRoleBindingsKey, null).Items.Select(TypedObjects.As<V1ClusterRoleBinding>);

    public IEnumerable<V1RoleBinding> RoleBindings(string ns) =>
        store.List(RoleBindingsKey, ns).Items.Select(TypedObjects.As<V1RoleBinding>);

    public V1ClusterRole? ClusterRole(string name) =>
        store.Get(new ObjectKey(Group, "clusterroles", "", name)) is { } s ? TypedObjects.As<V1ClusterRole>(s) : null;

    public V1Role? Role(string ns, string name) =>
        store.Get(new ObjectKey(Group, "roles", ns, name)) is { } s ? TypedObjects.As<V1Role>(s) : null;

    public IEnumerable<V1ClusterRole> ClusterRoles() =>
        store.List(new ResourceKey(Group, "clusterroles"), null).Items.Select(TypedObjects.As<V1ClusterRole>);
}
