using Emulator.Domain.Printing;

namespace Emulator.Domain.Resources.Core.ServiceAccounts;

public sealed class ServiceAccountResource : ResourceDefinition
{
    public override ResourceKind Kind { get; } = new("", "v1", "ServiceAccount", "serviceaccounts", "serviceaccount", Namespaced: true,
        ShortNames: ["sa"], Categories: [], Subresources: ["token"]);

    public override ITablePrinter Printer { get; } = new ServiceAccountTablePrinter();

    public override ResourceStrategy Strategy { get; } = new ServiceAccountStrategy();
}
