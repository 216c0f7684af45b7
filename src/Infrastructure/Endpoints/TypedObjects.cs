using System.Runtime.CompilerServices;
using Emulator.Infrastructure.Storage;
using k8s;

namespace Emulator.Infrastructure.Endpoints;

/// <summary>
/// Typed views (k8s.Models) of stored objects, decoded once per stored version: a StoredObject never changes, so
/// the decoded model is kept beside it for as long as that version lives (the informer cache's typed objects).
/// Callers must not mutate what they get back.
/// </summary>
public static class TypedObjects
{
    private static readonly ConditionalWeakTable<StoredObject, object> Decoded = new();

    public static T As<T>(StoredObject stored) where T : class =>
        (T)Decoded.GetValue(stored, s => KubernetesJson.Deserialize<T>(s.Json));
}
