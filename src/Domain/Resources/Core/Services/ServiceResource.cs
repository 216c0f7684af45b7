using System.Text.Json.Nodes;
using Emulator.Domain.Printing;

namespace Emulator.Domain.Resources.Core.Services;

public sealed class ServiceResource : ResourceDefinition
{
    public override ResourceKind Kind { get; } = new("", "v1", "Service", "services", "service", Namespaced: true,
        ShortNames: ["svc"], Categories: ["all"], Subresources: ["proxy", "status"]);

    public override ITablePrinter Printer { get; } = new ServiceTablePrinter();

    public override ResourceStrategy Strategy { get; } = new ServiceStrategy();

    public override IReadOnlyDictionary<string, Func<JsonObject, string?>> FieldSelectors { get; } =
        new Dictionary<string, Func<JsonObject, string?>>
        {
            ["spec.clusterIP"] = o => o.PathValue("spec.clusterIP"),
            ["spec.type"] = o => o.PathValue("spec.type"),
        };
}
