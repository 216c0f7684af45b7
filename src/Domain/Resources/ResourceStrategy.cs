using System.Text.Json.Nodes;
using Emulator.Domain.Errors;
using Emulator.Domain.Validation;

namespace Emulator.Domain.Resources;

/// <summary>
/// Per-kind write rules, the analogue of kube-apiserver's RESTCreateStrategy/RESTUpdateStrategy.
/// The generic registry calls the hooks in this order: PrepareForCreate/Update, Validate/ValidateUpdate.
/// Hooks may mutate only the object they are handed.
/// </summary>
public class ResourceStrategy
{
    public static readonly ResourceStrategy Default = new();

    /// <summary>PUT to a missing name creates it (services, endpoints, configmaps... allow it; most kinds don't).</summary>
    public virtual bool AllowCreateOnUpdate => false;

    /// <summary>The format metadata.name must follow.</summary>
    public virtual NameRule NameRule => NameRule.Subdomain;

    /// <summary>Kinds with a status subresource: status is dropped on create and kept from the old object on update.</summary>
    public virtual bool HasStatusSubresource => false;

    /// <summary>Kinds whose metadata.generation counts spec changes (workloads).</summary>
    public virtual bool TracksGeneration => false;

    /// <summary>Runs before validation on create, after system fields are filled. Defaults go here.</summary>
    public virtual void PrepareForCreate(JsonObject obj)
    {
        if (HasStatusSubresource) obj.Remove("status");
        if (TracksGeneration) obj.Meta()["generation"] = 1L; // long: PrepareForUpdate reads it with GetValue<long>
    }

    /// <summary>Runs before validation on a main-resource update; <paramref name="old"/> is the stored object.</summary>
    public virtual void PrepareForUpdate(JsonObject obj, JsonObject old)
    {
        if (HasStatusSubresource)
        {
            if (old["status"] is { } status) obj["status"] = status.DeepClone(); else obj.Remove("status");
        }
        if (TracksGeneration)
        {
            var generation = Workloads.JsonNumber.Long(old.Meta()["generation"]) ?? 1;
            if (!JsonNode.DeepEquals(obj["spec"], old["spec"])) generation++;
            obj.Meta()["generation"] = generation;
        }
    }

    /// <summary>Runs on a /status update: everything but status comes from the stored object.</summary>
    public virtual void PrepareForStatusUpdate(JsonObject obj, JsonObject old)
    {
        foreach (var (key, value) in old)
        {
            if (key is "status" or "metadata") continue;
            obj[key] = value?.DeepClone();
        }
        foreach (var key in obj.Select(p => p.Key).Where(k => k is not "status" and not "metadata" && !old.ContainsKey(k)).ToList())
            obj.Remove(key);
        if (old.Meta()["generation"] is { } generation) obj.Meta()["generation"] = generation.DeepClone();
    }

    /// <summary>Runs on a /finalize update (namespaces): only spec.finalizers may change.</summary>
    public virtual void PrepareForFinalizeUpdate(JsonObject obj, JsonObject old)
    {
        var finalizers = obj["spec"]?["finalizers"]?.DeepClone();
        foreach (var key in obj.Select(p => p.Key).ToList()) if (key != "metadata") obj.Remove(key);
        foreach (var (key, value) in old) if (key != "metadata") obj[key] = value?.DeepClone();
        if (obj["spec"] is not JsonObject spec) obj["spec"] = spec = new JsonObject();
        spec["finalizers"] = finalizers ?? new JsonArray();
    }

    /// <summary>
    /// Graceful deletion (rest.RESTGracefulDeleteStrategy.CheckGracefulDelete): on DELETE, under the write lock, the
    /// seconds the object lingers with a future deletionTimestamp before the kind's owner (the kubelet, for pods) removes
    /// it, or null to remove it at once. <paramref name="requestedGracePeriodSeconds"/> is DeleteOptions.gracePeriodSeconds.
    /// Must not mutate the object.
    /// </summary>
    public virtual long? GracefulDeletePeriod(JsonObject obj, long? requestedGracePeriodSeconds) => null;

    /// <summary>
    /// DefaultGarbageCollectionPolicy: the propagationPolicy a DELETE without one gets; null is Background. batch/v1 Jobs
    /// say Orphan for backwards compatibility.
    /// </summary>
    public virtual string? DefaultPropagationPolicy => null;

    /// <summary>An object being deleted goes away once nothing holds it: no metadata.finalizers by default.</summary>
    public virtual bool ReadyToDelete(JsonObject obj) => obj.Meta()["finalizers"] is not JsonArray { Count: > 0 };

    /// <summary>Kind-specific validation of a new object (metadata is validated generically).</summary>
    public virtual IEnumerable<FieldError> Validate(JsonObject obj) => [];

    /// <summary>Kind-specific validation of an update (immutability rules and the like).</summary>
    public virtual IEnumerable<FieldError> ValidateUpdate(JsonObject obj, JsonObject old) => Validate(obj);
}
