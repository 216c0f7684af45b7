using System.Reflection;

namespace Emulator.Domain.Resources;

/// <summary>All kinds this server serves, found once by reflection over <see cref="ResourceDefinition"/> subclasses.</summary>
public sealed class ResourceCatalog
{
    private readonly Dictionary<(string Group, string Version, string Plural), ResourceDefinition> _byResource;
    private readonly Dictionary<(string Group, string Kind), ResourceDefinition> _byKind;

    public ResourceCatalog(IEnumerable<ResourceDefinition> definitions)
    {
        All = [.. definitions.OrderBy(d => d.Kind.Group.Length == 0 ? 0 : 1).ThenBy(d => d.Kind.Group, StringComparer.Ordinal)
            .ThenBy(d => d.Kind.Plural, StringComparer.Ordinal)];
        _byResource = All.ToDictionary(d => (d.Kind.Group, d.Kind.Version, d.Kind.Plural));
        _byKind = All.ToDictionary(d => (d.Kind.Group, d.Kind.Kind));
    }

    public static ResourceCatalog FromAssembly(Assembly? assembly = null) =>
        new((assembly ?? typeof(ResourceCatalog).Assembly).GetTypes()
            .Where(t => t is { IsAbstract: false, IsClass: true } && t.IsSubclassOf(typeof(ResourceDefinition)))
            .Select(t => (ResourceDefinition)Activator.CreateInstance(t)!));

    public IReadOnlyList<ResourceDefinition> All { get; }

    public ResourceDefinition? Find(string group, string version, string plural) =>
        _byResource.GetValueOrDefault((group, version, plural));

    public ResourceDefinition? FindKind(string group, string kind) => _byKind.GetValueOrDefault((group, kind));

    public ResourceDefinition Get(string group, string kind) =>
        FindKind(group, kind) ?? throw new KeyNotFoundException($"no kind {kind} in group '{group}'");

    /// <summary>Group-versions in discovery order: core first, then named groups alphabetically.</summary>
    public IEnumerable<(string Group, string Version)> GroupVersions() =>
        All.Select(d => (d.Kind.Group, d.Kind.Version)).Distinct();
}
