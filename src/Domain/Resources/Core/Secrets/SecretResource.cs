using System.Text.Json.Nodes;
using Emulator.Domain.Printing;

namespace Emulator.Domain.Resources.Core.Secrets;

public sealed class SecretResource : ResourceDefinition
{
    public override ResourceKind Kind { get; } = new("", "v1", "Secret", "secrets", "secret", Namespaced: true,
        ShortNames: [], Categories: [], Subresources: []);

    public override ResourceStrategy Strategy { get; } = new SecretStrategy();

    public override ITablePrinter Printer { get; } = new SecretTablePrinter();

    public override IReadOnlyDictionary<string, Func<JsonObject, string?>> FieldSelectors { get; } =
        new Dictionary<string, Func<JsonObject, string?>>
        {
            ["type"] = o => o.Str("type"),
        };
}
