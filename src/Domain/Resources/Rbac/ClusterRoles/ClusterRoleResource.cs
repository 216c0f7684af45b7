using Emulator.Domain.Printing;

namespace Emulator.Domain.Resources.Rbac.ClusterRoles;

public sealed class ClusterRoleResource : ResourceDefinition
{
    public override ResourceKind Kind { get; } = new(RbacValidation.Group, "v1", "ClusterRole", "clusterroles", "clusterrole", Namespaced: false,
        ShortNames: [], Categories: [], Subresources: []);

    public override ITablePrinter Printer { get; } = DefaultTablePrinter.Instance;

    public override ResourceStrategy Strategy { get; } = new ClusterRoleStrategy();
}
