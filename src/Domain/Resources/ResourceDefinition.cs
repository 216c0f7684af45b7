using System.Text.Json.Nodes;
using Emulator.Domain.Printing;

namespace Emulator.Domain.Resources;

/// <summary>
/// Everything the generic registry needs to serve one kind: discovery facts, the write strategy,
/// the Table printer and the kind's own field selectors. Adding a kind is one subclass in one folder;
/// <see cref="ResourceCatalog"/> finds it by reflection.
/// </summary>
public abstract class ResourceDefinition
{
    public abstract ResourceKind Kind { get; }

    public virtual ResourceStrategy Strategy => ResourceStrategy.Default;

    public virtual ITablePrinter Printer => DefaultTablePrinter.Instance;

    /// <summary>
    /// Field selectors beyond metadata.name and metadata.namespace (which every kind supports),
    /// as the real registry's GetAttrs/field label conversion funcs offer them.
    /// </summary>
    public virtual IReadOnlyDictionary<string, Func<JsonObject, string?>> FieldSelectors { get; } =
        new Dictionary<string, Func<JsonObject, string?>>();
}
