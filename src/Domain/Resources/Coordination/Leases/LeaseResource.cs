using Emulator.Domain.Printing;

namespace Emulator.Domain.Resources.Coordination.Leases;

public sealed class LeaseResource : ResourceDefinition
{
    public override ResourceKind Kind { get; } = new("coordination.k8s.io", "v1", "Lease", "leases", "lease", Namespaced: true,
        ShortNames: [], Categories: [], Subresources: []);

    public override ITablePrinter Printer { get; } = new LeaseTablePrinter();

    public override ResourceStrategy Strategy { get; } = new LeaseStrategy();
}
