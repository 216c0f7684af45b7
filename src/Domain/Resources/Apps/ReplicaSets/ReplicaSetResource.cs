using System.Text.Json.Nodes;
using Emulator.Domain.Printing;

namespace Emulator.Domain.Resources.Apps.ReplicaSets;

public sealed class ReplicaSetResource : ResourceDefinition
{
    public override ResourceKind Kind { get; } = new("apps", "v1", "ReplicaSet", "replicasets", "replicaset", Namespaced: true,
        ShortNames: ["rs"], Categories: ["all"], Subresources: ["scale", "status"]);

    public override ITablePrinter Printer { get; } = new ReplicaSetTablePrinter();

    public override ResourceStrategy Strategy { get; } = new ReplicaSetStrategy();

    public override IReadOnlyDictionary<string, Func<JsonObject, string?>> FieldSelectors { get; } =
        new Dictionary<string, Func<JsonObject, string?>>
        {
            ["status.replicas"] = o => o.PathValue("status.replicas") ?? "0",
        };
}
