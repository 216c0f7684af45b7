using Emulator.Domain.Printing;

namespace Emulator.Domain.Resources.Rbac.RoleBindings;

public sealed class RoleBindingResource : ResourceDefinition
{
    public override ResourceKind Kind { get; } = new(RbacValidation.Group, "v1", "RoleBinding", "rolebindings", "rolebinding", Namespaced: true,
        ShortNames: [], Categories: [], Subresources: []);

    public override ITablePrinter Printer { get; } = new RoleBindingTablePrinter("RoleBinding");

    public override ResourceStrategy Strategy { get; } = new BindingStrategy(namespaced: true);
}
