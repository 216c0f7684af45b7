using Emulator.Domain.Printing;

namespace Emulator.Domain.Resources.Discovery.EndpointSlices;

public sealed class EndpointSliceResource : ResourceDefinition
{
    public override ResourceKind Kind { get; } = new("discovery.k8s.io", "v1", "EndpointSlice", "endpointslices", "endpointslice", Namespaced: true,
        ShortNames: [], Categories: [], Subresources: []);

    public override ITablePrinter Printer { get; } = new EndpointSliceTablePrinter();
}
