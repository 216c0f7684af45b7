using Emulator.Domain.Printing;

namespace Emulator.Domain.Resources.Rbac.ClusterRoleBindings;

public sealed class ClusterRoleBindingResource : ResourceDefinition
{
    public override ResourceKind Kind { get; } = new(RbacValidation.Group, "v1", "ClusterRoleBinding", "clusterrolebindings", "clusterrolebinding", Namespaced: false,
        ShortNames: [], Categories: [], Subresources: []);

    public override ITablePrinter Printer { get; } = new RoleBindingTablePrinter("ClusterRoleBinding");

    public override ResourceStrategy Strategy { get; } = new BindingStrategy(namespaced: false);
}
