using System.Text.Json.Nodes;
using Emulator.Domain.Printing;

namespace Emulator.Domain.Resources.Rbac;

/// <summary>
/// printers.go's roleBindingsColumnDefinitions (Name, Role as Kind/name, Age; wide: Users, Groups, ServiceAccounts),
/// shared by RoleBinding and ClusterRoleBinding. Role and ClusterRole have no handler in printers.go: the apiserver's
/// default convertor (Name, Created At) prints them.
/// </summary>
public sealed class RoleBindingTablePrinter(string bindingKind) : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        StandardColumns.Name,
        new("Role", Description: bindingKind == "RoleBinding"
            ? "RoleRef can reference a Role in the current namespace or a ClusterRole in the global namespace. If the RoleRef cannot be resolved, the Authorizer must return an error. This field is immutable."
            : "RoleRef can only reference a ClusterRole in the global namespace. If the RoleRef cannot be resolved, the Authorizer must return an error. This field is immutable."),
        StandardColumns.Age,
        new("Users", Priority: 1, Description: $"Users in the {(bindingKind == "RoleBinding" ? "roleBinding" : "clusterRoleBinding")}"),
        new("Groups", Priority: 1, Description: $"Groups in the {(bindingKind == "RoleBinding" ? "roleBinding" : "clusterRoleBinding")}"),
        new("ServiceAccounts", Priority: 1, Description: $"ServiceAccounts in the {(bindingKind == "RoleBinding" ? "roleBinding" : "clusterRoleBinding")}"),
    ];

    public object?[] Cells(JsonObject obj, DateTimeOffset now)
    {
        var roleRef = JsonRead.Obj(obj, "roleRef");
        var (users, groups, sas) = RbacValidation.SubjectStrings(obj);
        return [obj.Name(), $"{JsonRead.Str(roleRef, "kind")}/{JsonRead.Str(roleRef, "name")}", HumanDuration.Age(obj, now), users, groups, sas];
    }
}
