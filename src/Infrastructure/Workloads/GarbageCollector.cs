using System.Text.Json.Nodes;
using Emulator.Domain.Errors;
using Emulator.Domain.Resources;
using Emulator.Infrastructure.Controllers.Framework;
using Emulator.Infrastructure.Registry;
using Emulator.Infrastructure.Storage;

namespace Emulator.Infrastructure.Workloads;

/// <summary>
/// The garbage collector (pkg/controller/garbagecollector/garbagecollector.go), level-triggered per object:
/// - a dependent whose every owner is gone (absent, or present with another uid) is deleted in the background;
/// - an owner deleted with propagationPolicy Orphan ("orphan" finalizer) has its dependents' ownerReferences removed,
///   then the finalizer;
/// - an owner deleted with Foreground ("foregroundDeletion" finalizer) has its dependents deleted (in the foreground
///   too) and loses the finalizer once none is left.
/// An object's DELETED event enqueues its dependents and its owners, so both sides converge.
/// </summary>
public sealed class GarbageCollector(GenericRegistry registry) : IReconciler
{
    private const string Orphan = "orphan";
    private const string Foreground = "foregroundDeletion";

    public string Name => "garbagecollector";

    public IReadOnlyList<ResourceKey> Watches { get; } =
        [.. registry.Catalog.All.Where(d => d.Kind.Verbs.Contains("delete")).Select(d => new ResourceKey(d.Kind.Group, d.Kind.Plural))];

    public TimeSpan ResyncPeriod => TimeSpan.FromSeconds(30);

    public IEnumerable<ObjectKey> KeysFor(WatchEvent e)
    {
        var obj = e.Object.Object;
        if (e.Type != "DELETED") return HasOwners(obj) || HasGcFinalizer(obj) ? [e.Key] : [];
        var uid = obj.Meta().Str("uid");
        var ns = e.Key.Namespace.Length == 0 ? null : e.Key.Namespace;
        return [.. Dependents(ns, uid), .. Owners(obj, e.Key.Namespace)];
    }

    public IEnumerable<ObjectKey> AllKeys()
    {
        var result = new List<ObjectKey>();
        foreach (var resource in Watches)
            foreach (var item in registry.Store.List(resource, null).Items)
                if (HasOwners(item.Object) || HasGcFinalizer(item.Object)) result.Add(KeyOf(resource, item.Object));
        return result;
    }

    public async Task ReconcileAsync(ObjectKey key, CancellationToken ct)
    {
        if (registry.Store.Get(key)?.Object is not { } obj) return;
        var def = registry.Catalog.All.First(d => d.Kind.Group == key.Group && d.Kind.Plural == key.Resource);
        var ns = key.Namespace.Length == 0 ? null : key.Namespace;
        try
        {
            if (obj.Meta()["deletionTimestamp"] is not null)
            {
                if (Finalizers(obj).Contains(Orphan)) await OrphanDependentsAsync(def, ns, obj, ct);
                else if (Finalizers(obj).Contains(Foreground)) await DeleteDependentsInForegroundAsync(def, ns, obj, ct);
                return;
            }
            if (!HasOwners(obj)) return;
            var refs = ((JsonArray)obj.Meta()["ownerReferences"]!).OfType<JsonObject>().ToList();
            if (refs.Any(r => OwnerExists(r, key.Namespace))) return;
            await registry.DeleteAsync(def, ns, key.Name, new DeleteOptions(PreconditionUid: obj.Meta().Str("uid"), PropagationPolicy: "Background"), ct);
        }
        catch (StatusException e) when (e.Code is 404 or 409)
        {
        }
    }

    private async Task OrphanDependentsAsync(ResourceDefinition def, string? ns, JsonObject owner, CancellationToken ct)
    {
        var uid = owner.Meta().Str("uid");
        foreach (var dependent in Dependents(ns, uid))
        {
            var dependentDef = Definition(dependent);
            await registry.GuaranteedUpdateAsync(dependentDef, NullIfEmpty(dependent.Namespace), dependent.Name, null, dryRun: false, current =>
            {
                if (current.Meta()["ownerReferences"] is JsonArray refs)
                {
                    foreach (var r in refs.OfType<JsonObject>().Where(r => r.Str("uid") == uid).ToList()) refs.Remove(r);
                    if (refs.Count == 0) current.Meta().Remove("ownerReferences");
                }
                return current;
            }, ct);
        }
        await RemoveFinalizerAsync(def, ns, owner, Orphan, ct);
    }

    private async Task DeleteDependentsInForegroundAsync(ResourceDefinition def, string? ns, JsonObject owner, CancellationToken ct)
    {
        var dependents = Dependents(ns, owner.Meta().Str("uid")).ToList();
        foreach (var dependent in dependents)
        {
            var current = registry.Store.Get(dependent)?.Object;
            if (current is null || current.Meta()["deletionTimestamp"] is not null) continue;
            await registry.DeleteAsync(Definition(dependent), NullIfEmpty(dependent.Namespace), dependent.Name,
                new DeleteOptions(PreconditionUid: current.Meta().Str("uid"), PropagationPolicy: "Foreground"), ct);
        }
        if (dependents.Count == 0) await RemoveFinalizerAsync(def, ns, owner, Foreground, ct);
    }

    private Task RemoveFinalizerAsync(ResourceDefinition def, string? ns, JsonObject owner, string finalizer, CancellationToken ct) =>
        registry.GuaranteedUpdateAsync(def, ns, owner.Name(), null, dryRun: false, current =>
        {
            if (current.Meta()["finalizers"] is JsonArray finalizers)
                foreach (var f in finalizers.Where(f => f is JsonValue v && v.ToString() == finalizer).ToList()) finalizers.Remove(f);
            return current;
        }, ct);

    private IEnumerable<ObjectKey> Dependents(string? ns, string? ownerUid)
    {
        var result = new List<ObjectKey>();
        if (ownerUid is null) return result;
        foreach (var resource in Watches)
            foreach (var item in registry.Store.List(resource, ns).Items)
                if (item.Object.Meta()["ownerReferences"] is JsonArray refs && refs.OfType<JsonObject>().Any(r => r.Str("uid") == ownerUid))
                    result.Add(KeyOf(resource, item.Object));
        return result;
    }

    // Owners being deleted in the foreground wait for this dependent: look at them again.
    private IEnumerable<ObjectKey> Owners(JsonObject obj, string ns)
    {
        foreach (var r in (obj.Meta()["ownerReferences"] as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            var def = OwnerDefinition(r);
            if (def is null) continue;
            yield return GenericRegistry.KeyOf(def.Kind, ns, r.Str("name") ?? "");
        }
    }

    /// <summary>An owner exists when an object of its kind, name and uid is stored (namespaced owners in the dependent's namespace).</summary>
    private bool OwnerExists(JsonObject ownerRef, string ns)
    {
        var def = OwnerDefinition(ownerRef);
        // An owner of a kind this server does not serve cannot be checked; keep the dependent rather than guess.
        if (def is null) return true;
        var owner = registry.Store.Get(GenericRegistry.KeyOf(def.Kind, ns, ownerRef.Str("name") ?? ""));
        return owner is not null && owner.Object.Meta().Str("uid") == ownerRef.Str("uid");
    }

    private ResourceDefinition? OwnerDefinition(JsonObject ownerRef)
    {
        var apiVersion = ownerRef.Str("apiVersion") ?? "";
        var group = apiVersion.Contains('/') ? apiVersion[..apiVersion.IndexOf('/')] : "";
        return registry.Catalog.FindKind(group, ownerRef.Str("kind") ?? "");
    }

    private ResourceDefinition Definition(ObjectKey key) => registry.Catalog.All.First(d => d.Kind.Group == key.Group && d.Kind.Plural == key.Resource);

    private static ObjectKey KeyOf(ResourceKey resource, JsonObject obj) => new(resource.Group, resource.Resource, obj.Namespace() ?? "", obj.Name());

    private static string? NullIfEmpty(string ns) => ns.Length == 0 ? null : ns;

    private static bool HasOwners(JsonObject obj) => obj.Meta()["ownerReferences"] is JsonArray { Count: > 0 };

    private static bool HasGcFinalizer(JsonObject obj) => Finalizers(obj).Any(f => f is Orphan or Foreground);

    private static List<string> Finalizers(JsonObject obj) =>
        (obj.Meta()["finalizers"] as JsonArray)?.Select(f => f is JsonValue v ? v.ToString() : "").ToList() ?? [];
}
