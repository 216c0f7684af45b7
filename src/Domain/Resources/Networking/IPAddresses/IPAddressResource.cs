using Emulator.Domain.Printing;

namespace Emulator.Domain.Resources.Networking.IPAddresses;

/// <summary>networking.k8s.io/v1 IPAddress: one object per allocated ClusterIP, named after the IP (MultiCIDRServiceAllocator, GA 1.33).</summary>
public sealed class IPAddressResource : ResourceDefinition
{
    public override ResourceKind Kind { get; } = new("networking.k8s.io", "v1", "IPAddress", "ipaddresses", "ipaddress", Namespaced: false,
        ShortNames: ["ip"], Categories: [], Subresources: []);

    public override ITablePrinter Printer { get; } = new IPAddressTablePrinter();

    public override ResourceStrategy Strategy { get; } = new IPAddressStrategy();
}
