using Emulator.Domain.Printing;

namespace Emulator.Domain.Resources.Rbac.Roles;

public sealed class RoleResource : ResourceDefinition
{
    public override ResourceKind Kind { get; } = new(RbacValidation.Group, "v1", "Role", "roles", "role", Namespaced: true,
        ShortNames: [], Categories: [], Subresources: []);

    public override ITablePrinter Printer { get; } = DefaultTablePrinter.Instance;

    public override ResourceStrategy Strategy { get; } = new RoleStrategy();
}
