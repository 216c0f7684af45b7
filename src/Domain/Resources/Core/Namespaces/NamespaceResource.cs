using System.Text.Json.Nodes;
using Emulator.Domain.Printing;

namespace Emulator.Domain.Resources.Core.Namespaces;

public sealed class NamespaceResource : ResourceDefinition
{
    public override ResourceKind Kind { get; } = new("", "v1", "Namespace", "namespaces", "namespace", Namespaced: false,
        ShortNames: ["ns"], Categories: [], Subresources: ["finalize", "status"])
    { Verbs = ["create", "delete", "get", "list", "patch", "update", "watch"] };

    public override ResourceStrategy Strategy { get; } = new NamespaceStrategy();

    public override ITablePrinter Printer { get; } = new NamespaceTablePrinter();

    public override IReadOnlyDictionary<string, Func<JsonObject, string?>> FieldSelectors { get; } =
        new Dictionary<string, Func<JsonObject, string?>> { ["status.phase"] = o => o.PathValue("status.phase") };
}
