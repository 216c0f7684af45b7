using Emulator.Domain.Printing;

namespace Emulator.Domain.Resources.Apps.DaemonSets;

public sealed class DaemonSetResource : ResourceDefinition
{
    public override ResourceKind Kind { get; } = new("apps", "v1", "DaemonSet", "daemonsets", "daemonset", Namespaced: true,
        ShortNames: ["ds"], Categories: ["all"], Subresources: ["status"]);

    public override ITablePrinter Printer { get; } = new DaemonSetTablePrinter();

    public override ResourceStrategy Strategy { get; } = new DaemonSetStrategy();
}
