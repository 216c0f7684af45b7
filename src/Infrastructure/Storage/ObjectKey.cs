namespace Emulator.Infrastructure.Storage;

/// <summary>Where an object lives: group, resource (plural), namespace ("" for cluster-scoped) and name.</summary>
public readonly record struct ObjectKey(string Group, string Resource, string Namespace, string Name)
{
    public ResourceKey ResourceKey => new(Group, Resource);
}

/// <summary>A resource type regardless of version: the unit the store and the watch hub partition by.</summary>
public readonly record struct ResourceKey(string Group, string Resource);
