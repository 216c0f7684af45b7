using Emulator.Domain.Printing;

namespace Emulator.Domain.Resources.Core.Endpoints;

public sealed class EndpointsResource : ResourceDefinition
{
    public override ResourceKind Kind { get; } = new("", "v1", "Endpoints", "endpoints", "endpoints", Namespaced: true,
        ShortNames: ["ep"], Categories: [], Subresources: []);

    public override ITablePrinter Printer { get; } = new EndpointsTablePrinter();

    public override ResourceStrategy Strategy { get; } = new EndpointsStrategy();
}
