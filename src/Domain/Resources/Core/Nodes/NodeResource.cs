using System.Text.Json.Nodes;
using Emulator.Domain.Printing;

namespace Emulator.Domain.Resources.Core.Nodes;

public sealed class NodeResource : ResourceDefinition
{
    public override ResourceKind Kind { get; } = new("", "v1", "Node", "nodes", "node", Namespaced: false,
        ShortNames: ["no"], Categories: [], Subresources: ["proxy", "status"]);

    public override ITablePrinter Printer { get; } = new NodeTablePrinter();

    public override ResourceStrategy Strategy { get; } = new NodeStrategy();

    public override IReadOnlyDictionary<string, Func<JsonObject, string?>> FieldSelectors { get; } =
        new Dictionary<string, Func<JsonObject, string?>>
        {
            ["spec.unschedulable"] = o => o.PathValue("spec.unschedulable") ?? "false",
        };
}
