using System.Collections.Immutable;

namespace Emulator.Infrastructure.Storage;

/// <summary>
/// The immutable snapshot of one resource, indexed by namespace then name (both ordinal), so a namespaced LIST or
/// GET costs the same however many objects other namespaces hold. Enumerating all namespaces yields the same
/// (namespace, name) order a single sorted table would.
/// </summary>
internal sealed class ResourceTable
{
    private static readonly ImmutableSortedDictionary<string, StoredObject> EmptyNamespace =
        ImmutableSortedDictionary.Create<string, StoredObject>(StringComparer.Ordinal);

    public static readonly ResourceTable Empty =
        new(ImmutableSortedDictionary.Create<string, ImmutableSortedDictionary<string, StoredObject>>(StringComparer.Ordinal), 0);

    private readonly ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, StoredObject>> _namespaces;

    private ResourceTable(ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, StoredObject>> namespaces, int count)
    {
        _namespaces = namespaces;
        Count = count;
    }

    public int Count { get; }

    public StoredObject? Get(string ns, string name) =>
        _namespaces.TryGetValue(ns, out var names) ? names.GetValueOrDefault(name) : null;

    public ResourceTable Set(string ns, string name, StoredObject obj)
    {
        var names = _namespaces.GetValueOrDefault(ns) ?? EmptyNamespace;
        var added = !names.ContainsKey(name);
        return new ResourceTable(_namespaces.SetItem(ns, names.SetItem(name, obj)), Count + (added ? 1 : 0));
    }

    public ResourceTable Remove(string ns, string name)
    {
        if (!_namespaces.TryGetValue(ns, out var names) || !names.ContainsKey(name)) return this;
        var rest = names.Remove(name);
        return new ResourceTable(rest.IsEmpty ? _namespaces.Remove(ns) : _namespaces.SetItem(ns, rest), Count - 1);
    }

    /// <summary>The objects of one namespace, or of all (null), in (namespace, name) order.</summary>
    public List<StoredObject> Snapshot(string? ns)
    {
        if (ns is not null)
            return _namespaces.TryGetValue(ns, out var names) ? [.. names.Values] : [];
        var all = new List<StoredObject>(Count);
        foreach (var names in _namespaces.Values) all.AddRange(names.Values);
        return all;
    }

    public static ResourceTable Build(IEnumerable<(string Ns, string Name, StoredObject Object)> rows)
    {
        var byNs = new SortedDictionary<string, ImmutableSortedDictionary<string, StoredObject>.Builder>(StringComparer.Ordinal);
        var count = 0;
        foreach (var (ns, name, obj) in rows)
        {
            if (!byNs.TryGetValue(ns, out var names)) byNs[ns] = names = EmptyNamespace.ToBuilder();
            if (!names.ContainsKey(name)) count++;
            names[name] = obj;
        }
        var builder = ImmutableSortedDictionary.CreateBuilder<string, ImmutableSortedDictionary<string, StoredObject>>(StringComparer.Ordinal);
        foreach (var (ns, names) in byNs) builder[ns] = names.ToImmutable();
        return new ResourceTable(builder.ToImmutable(), count);
    }
}
