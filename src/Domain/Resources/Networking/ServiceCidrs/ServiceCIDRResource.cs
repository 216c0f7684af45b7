using Emulator.Domain.Printing;

namespace Emulator.Domain.Resources.Networking.ServiceCidrs;

/// <summary>networking.k8s.io/v1 ServiceCIDR: the ranges ClusterIPs come from; the apiserver keeps the one named "kubernetes" in step with its flags.</summary>
public sealed class ServiceCIDRResource : ResourceDefinition
{
    public override ResourceKind Kind { get; } = new("networking.k8s.io", "v1", "ServiceCIDR", "servicecidrs", "servicecidr", Namespaced: false,
        ShortNames: [], Categories: [], Subresources: ["status"]);

    public override ITablePrinter Printer { get; } = new ServiceCIDRTablePrinter();

    public override ResourceStrategy Strategy { get; } = new ServiceCIDRStrategy();
}
