using System.Text.Json.Nodes;
using Emulator.Domain.Errors;
using Emulator.Domain.Resources;
using Emulator.Domain.Validation;
using Emulator.Infrastructure.Storage;

namespace Emulator.Infrastructure.Registry;

/// <summary>
/// The generic registry (kube-apiserver's generic Store): every create, update and delete, from HTTP handlers and
/// controllers alike, passes here, so all writes are defaulted, validated, versioned and watched the same way.
/// </summary>
public sealed class GenericRegistry(ObjectStore store, ResourceCatalog catalog, TimeProvider time, IEnumerable<IAdmissionHook> hooks)
{
    // The apiserver retries generateName collisions this many times before giving up (registry/store.go).
    private const int MaxNameGenerationAttempts = 8;
    private static readonly ObjectMetaValidator MetaValidator = new();
    private readonly IAdmissionHook[] _hooks = [.. hooks];

    public ObjectStore Store => store;
    public ResourceCatalog Catalog => catalog;

    public static ObjectKey KeyOf(ResourceKind kind, string? ns, string name) =>
        new(kind.Group, kind.Plural, kind.Namespaced ? ns ?? "" : "", name);

    public StoredObject? Get(ResourceDefinition def, string? ns, string name) => store.Get(KeyOf(def.Kind, ns, name));

    public StoredObject GetOrThrow(ResourceDefinition def, string? ns, string name) =>
        Get(def, ns, name) ?? throw StatusException.NotFound(def.Kind, name);

    public async Task<WriteResult> CreateAsync(ResourceDefinition def, string? ns, JsonObject obj, bool dryRun, CancellationToken ct)
    {
        CheckIdentity(def, ns, obj);
        EnsureNamespaceAcceptsContent(def, obj.Namespace());
        var generate = string.IsNullOrEmpty(obj.Name()) && !string.IsNullOrEmpty(obj.Meta().Str("generateName"));
        for (var attempt = 1; ; attempt++)
        {
            var candidate = (JsonObject)obj.DeepClone();
            if (generate) candidate.Meta()["name"] = SystemFields.GenerateName(candidate.Meta().Str("generateName")!);
            var transactions = new List<IHookTransaction>();
            try
            {
                var result = await store.WriteAsync(KeyOf(def.Kind, candidate.Namespace(), candidate.Name()), current =>
                {
                    if (current is not null) throw StatusException.AlreadyExists(def.Kind, candidate.Name());
                    PrepareCreate(def, candidate, dryRun, transactions);
                    return dryRun ? new WriteDecision.DryRun(candidate, false) : new WriteDecision.Put(candidate);
                }, ct);
                Commit(transactions);
                return result;
            }
            catch (StatusException e) when (generate && e.Reason == "AlreadyExists" && attempt < MaxNameGenerationAttempts)
            {
                Revert(transactions);
            }
            catch
            {
                Revert(transactions);
                throw;
            }
        }
    }

    /// <summary>PUT semantics: optimistic concurrency on metadata.resourceVersion, create-on-update where the kind allows it.</summary>
    public async Task<WriteResult> UpdateAsync(ResourceDefinition def, string? ns, string name, JsonObject obj, string? subresource, bool dryRun, CancellationToken ct)
    {
        CheckIdentity(def, ns, obj);
        if (obj.Name() != name)
            throw StatusException.BadRequest($"the name of the object ({obj.Name()}) does not match the name on the URL ({name})");
        var result = await WriteWithHooksAsync(KeyOf(def.Kind, obj.Namespace(), name), (current, transactions) =>
        {
            if (current is null)
            {
                if (subresource is not null || !def.Strategy.AllowCreateOnUpdate) throw StatusException.NotFound(def.Kind, name);
                EnsureNamespaceAcceptsContent(def, obj.Namespace());
                PrepareCreate(def, obj, dryRun, transactions);
                return dryRun ? new WriteDecision.DryRun(obj, false) : new WriteDecision.Put(obj);
            }
            return DecideUpdate(def, current, obj, subresource, dryRun, transactions);
        }, ct);
        if (result.Deleted && !dryRun) AfterDelete(def, result.Object.Object);
        return result;
    }

    private async Task<WriteResult> WriteWithHooksAsync(ObjectKey key, Func<StoredObject?, List<IHookTransaction>, WriteDecision> decide, CancellationToken ct)
    {
        var transactions = new List<IHookTransaction>();
        try
        {
            var result = await store.WriteAsync(key, current => decide(current, transactions), ct);
            Commit(transactions);
            return result;
        }
        catch
        {
            Revert(transactions);
            throw;
        }
    }

    private static void Commit(List<IHookTransaction> transactions)
    {
        foreach (var t in transactions) t.Commit();
        transactions.Clear();
    }

    private static void Revert(List<IHookTransaction> transactions)
    {
        foreach (var t in transactions) t.Revert();
        transactions.Clear();
    }

    /// <summary>
    /// Read-modify-write against the current object under the store's write lock: how PATCH, /scale and controllers
    /// change objects without races. <paramref name="mutate"/> gets a private copy of the current object.
    /// </summary>
    public async Task<WriteResult> GuaranteedUpdateAsync(ResourceDefinition def, string? ns, string name, string? subresource, bool dryRun,
        Func<JsonObject, JsonObject> mutate, CancellationToken ct)
    {
        var result = await WriteWithHooksAsync(KeyOf(def.Kind, ns, name), (current, transactions) =>
        {
            if (current is null) throw StatusException.NotFound(def.Kind, name);
            var updated = mutate(current.Clone());
            CheckIdentity(def, ns, updated);
            if (updated.Name() != name)
                throw StatusException.BadRequest($"the name of the object ({updated.Name()}) does not match the name on the URL ({name})");
            return DecideUpdate(def, current, updated, subresource, dryRun, transactions);
        }, ct);
        if (result.Deleted && !dryRun) AfterDelete(def, result.Object.Object);
        return result;
    }

    private WriteDecision DecideUpdate(ResourceDefinition def, StoredObject current, JsonObject obj, string? subresource, bool dryRun,
        List<IHookTransaction> transactions)
    {
        var old = current.Object;
        var requested = obj.ResourceVersion();
        if (!string.IsNullOrEmpty(requested) && requested != old.ResourceVersion())
            throw StatusException.Conflict(def.Kind, obj.Name());
        SystemFields.KeepOnUpdate(obj, old);
        switch (subresource)
        {
            case "status": def.Strategy.PrepareForStatusUpdate(obj, old); break;
            case "finalize": def.Strategy.PrepareForFinalizeUpdate(obj, old); break;
            default: def.Strategy.PrepareForUpdate(obj, old); break;
        }
        foreach (var hook in _hooks.Where(h => h.AppliesTo(def.Kind)))
            if (hook.BeginUpdate(def.Kind, obj, old, dryRun) is { } tx) transactions.Add(tx);
        SystemFields.NormalizeMetadata(obj);
        Validate(def, obj, def.Strategy.ValidateUpdate(obj, old));
        // store.go shouldDeleteDuringUpdate: only once no grace period is pending (a terminating pod stays until its kubelet deletes it).
        if (old.Meta()["deletionTimestamp"] is not null && PendingGracePeriod(old) == 0 && def.Strategy.ReadyToDelete(obj))
            return dryRun ? new WriteDecision.DryRun(obj, true) : new WriteDecision.Delete(obj);
        obj.Meta()["resourceVersion"] = old.ResourceVersion();
        if (JsonNode.DeepEquals(obj, old)) return new WriteDecision.Unchanged();
        return dryRun ? new WriteDecision.DryRun(obj, false) : new WriteDecision.Put(obj);
    }

    /// <summary>
    /// DELETE: preconditions, then either removal or, while finalizers remain (and always for namespaces), a
    /// deletionTimestamp that the finalizer owners act on.
    /// </summary>
    public async Task<WriteResult> DeleteAsync(ResourceDefinition def, string? ns, string name, DeleteOptions options, CancellationToken ct)
    {
        var result = await DeleteCoreAsync(def, ns, name, options, ct);
        if (result.Deleted && !options.DryRun) AfterDelete(def, result.Object.Object);
        return result;
    }

    private void AfterDelete(ResourceDefinition def, JsonObject obj)
    {
        foreach (var hook in _hooks.Where(h => h.AppliesTo(def.Kind))) hook.AfterDelete(def.Kind, obj);
    }

    private Task<WriteResult> DeleteCoreAsync(ResourceDefinition def, string? ns, string name, DeleteOptions options, CancellationToken ct) =>
        store.WriteAsync(KeyOf(def.Kind, ns, name), current =>
        {
            if (current is null) throw StatusException.NotFound(def.Kind, name);
            var meta = current.Object.Meta();
            if (options.PreconditionUid is { Length: > 0 } uid && uid != meta.Str("uid"))
                throw StatusException.Conflict(def.Kind, name, $"Precondition failed: UID in precondition: {uid}, UID in object meta: {meta.Str("uid")}");
            if (options.PreconditionResourceVersion is { Length: > 0 } rv && rv != meta.Str("resourceVersion"))
                throw StatusException.Conflict(def.Kind, name, $"Precondition failed: ResourceVersion in precondition: {rv}, ResourceVersion in object meta: {meta.Str("resourceVersion")}");
            var obj = current.Clone();
            if (def.Strategy.GracefulDeletePeriod(obj, options.GracePeriodSeconds) is { } grace and > 0)
            {
                // BeforeDelete: a graceful delete sets deletionTimestamp = now + grace; a later DELETE may only shorten it.
                if (meta["deletionTimestamp"] is not null && PendingGracePeriod(current.Object) is var pending and > 0 && pending <= grace)
                    return new WriteDecision.Unchanged();
                obj.Meta()["deletionTimestamp"] = SystemFields.Timestamp(time.GetUtcNow().AddSeconds(grace));
                obj.Meta()["deletionGracePeriodSeconds"] = grace;
                return options.DryRun ? new WriteDecision.DryRun(obj, false) : new WriteDecision.Put(obj);
            }
            AddGarbageCollectionFinalizer(obj, options.PropagationPolicy ?? def.Strategy.DefaultPropagationPolicy);
            var isNamespace = def.Kind is { Group: "", Plural: "namespaces" };
            if (isNamespace || obj.Meta()["finalizers"] is JsonArray { Count: > 0 })
            {
                if (meta["deletionTimestamp"] is not null && PendingGracePeriod(current.Object) == 0) return new WriteDecision.Unchanged();
                if (meta["deletionTimestamp"] is null) obj.Meta()["deletionTimestamp"] = SystemFields.Timestamp(time.GetUtcNow());
                obj.Meta()["deletionGracePeriodSeconds"] = 0;
                if (isNamespace) obj["status"] = new JsonObject { ["phase"] = "Terminating" };
                return options.DryRun ? new WriteDecision.DryRun(obj, false) : new WriteDecision.Put(obj);
            }
            return options.DryRun ? new WriteDecision.DryRun(obj, true) : new WriteDecision.Delete(obj);
        }, ct);

    /// <summary>
    /// store.go deletionFinalizersForGarbageCollection: Orphan and Foreground deletion leave the object in place with the
    /// "orphan" or "foregroundDeletion" finalizer, which the garbage collector removes once the dependents are dealt with.
    /// </summary>
    private static void AddGarbageCollectionFinalizer(JsonObject obj, string? policy)
    {
        var finalizer = policy switch { "Orphan" => "orphan", "Foreground" => "foregroundDeletion", _ => null };
        if (finalizer is null) return;
        if (obj.Meta()["finalizers"] is not JsonArray finalizers) obj.Meta()["finalizers"] = finalizers = new JsonArray();
        var other = finalizer == "orphan" ? "foregroundDeletion" : "orphan";
        foreach (var f in finalizers.Where(f => f?.GetValue<string>() == other).ToList()) finalizers.Remove(f);
        if (!finalizers.Any(f => f?.GetValue<string>() == finalizer)) finalizers.Add(finalizer);
    }

    private static long PendingGracePeriod(JsonObject obj) =>
        Domain.Workloads.JsonNumber.Long(obj.Meta()["deletionGracePeriodSeconds"]) ?? 0;

    private void PrepareCreate(ResourceDefinition def, JsonObject obj, bool dryRun, List<IHookTransaction> transactions)
    {
        SystemFields.FillOnCreate(obj, time.GetUtcNow());
        def.Strategy.PrepareForCreate(obj);
        foreach (var hook in _hooks.Where(h => h.AppliesTo(def.Kind)))
            if (hook.BeginCreate(def.Kind, obj, dryRun) is { } tx) transactions.Add(tx);
        SystemFields.NormalizeMetadata(obj);
        Validate(def, obj, def.Strategy.Validate(obj));
    }

    private static void Validate(ResourceDefinition def, JsonObject obj, IEnumerable<FieldError> kindErrors)
    {
        var errors = MetaValidator.Check(ObjectMetaInput.From(obj, def.Kind.Namespaced, def.Strategy.NameRule)).Concat(kindErrors).ToList();
        if (errors.Count > 0) throw StatusException.Invalid(def.Kind, obj.Name().Length > 0 ? obj.Name() : obj.Meta().Str("generateName") ?? "", errors);
    }

    /// <summary>apiVersion/kind and namespace of a body must agree with the URL, as the apiserver's decoder and BeforeCreate check.</summary>
    private static void CheckIdentity(ResourceDefinition def, string? ns, JsonObject obj)
    {
        var meta = obj.Meta();
        if (def.Kind.Namespaced)
        {
            var bodyNs = meta.Str("namespace");
            if (string.IsNullOrEmpty(bodyNs)) meta["namespace"] = ns;
            else if (ns is not null && bodyNs != ns)
                throw StatusException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }
        else if (meta.Str("namespace") is { Length: > 0 })
        {
            meta.Remove("namespace");
        }
        // apiVersion and kind lead, as in every object the apiserver serializes.
        var rest = obj.Where(p => p.Key is not ("apiVersion" or "kind")).ToList();
        obj.Clear();
        obj["apiVersion"] = def.Kind.ApiVersion;
        obj["kind"] = def.Kind.Kind;
        foreach (var (key, value) in rest) obj[key] = value;
    }

    private void EnsureNamespaceAcceptsContent(ResourceDefinition def, string? ns)
    {
        if (!def.Kind.Namespaced || string.IsNullOrEmpty(ns)) return;
        var namespaces = catalog.Get("", "Namespace");
        var stored = store.Get(KeyOf(namespaces.Kind, null, ns)) ?? throw StatusException.NotFound(namespaces.Kind, ns);
        if (stored.Object.Meta()["deletionTimestamp"] is not null)
            throw new StatusException(403, "Forbidden",
                $"{def.Kind.GroupResource} is forbidden: unable to create new content in namespace {ns} because it is being terminated",
                new StatusDetails(null, def.Kind.Group, def.Kind.Plural,
                    [new StatusCause("NamespaceTerminating", $"namespace {ns} is being terminated", "metadata.namespace")]));
    }
}
