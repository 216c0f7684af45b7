using System.Reflection;
using k8s.Models;

namespace Emulator.Domain.OpenApi;

/// <summary>The official k8s.Models class of each group/version/kind, found through its KubernetesEntity attribute.</summary>
public static class ModelTypes
{
    private static readonly Lazy<Dictionary<(string Group, string Version, string Kind), Type>> Types = new(() =>
        typeof(V1Pod).Assembly.GetTypes()
            .Where(t => t.Namespace == "k8s.Models")
            .Select(t => (Type: t, Entity: t.GetCustomAttribute<KubernetesEntityAttribute>()))
            .Where(x => x.Entity is not null && !string.IsNullOrEmpty(x.Entity.Kind))
            .GroupBy(x => (x.Entity!.Group ?? "", x.Entity.ApiVersion ?? "", x.Entity.Kind!))
            .ToDictionary(g => g.Key, g => g.First().Type));

    public static Type? Find(string group, string version, string kind) => Types.Value.GetValueOrDefault((group, version, kind));

    public static TypeSchema? Schema(string group, string version, string kind) =>
        Find(group, version, kind) is { } t ? TypeSchema.For(t) : null;
}
