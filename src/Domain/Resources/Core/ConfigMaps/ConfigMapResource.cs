using Emulator.Domain.Printing;

namespace Emulator.Domain.Resources.Core.ConfigMaps;

public sealed class ConfigMapResource : ResourceDefinition
{
    public override ResourceKind Kind { get; } = new("", "v1", "ConfigMap", "configmaps", "configmap", Namespaced: true,
        ShortNames: ["cm"], Categories: [], Subresources: []);

    public override ITablePrinter Printer { get; } = new ConfigMapTablePrinter();
}
