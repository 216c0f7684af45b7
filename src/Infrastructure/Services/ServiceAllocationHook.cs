using System.Text.Json.Nodes;
using Emulator.Domain.Errors;
using Emulator.Domain.Resources;
using Emulator.Domain.Resources.Core.Services;
using Emulator.Infrastructure.Registry;

namespace Emulator.Infrastructure.Services;

/// <summary>
/// The Service registry's BeginCreate / BeginUpdate / AfterDelete (k/k pkg/registry/core/service/storage/storage.go
/// and alloc.go): loose clusterIP validation and IP-family initialisation, then ClusterIP, NodePort and
/// healthCheckNodePort allocation, so the POST/PUT answer already carries them. Runs under the store's write lock;
/// it must never call the registry.
/// </summary>
public sealed class ServiceAllocationHook(ServiceAllocators allocators) : IAdmissionHook
{
    public bool AppliesTo(ResourceKind kind) => kind is { Group: "", Plural: "services" };

    public IHookTransaction? BeginCreate(ResourceKind kind, JsonObject obj, bool dryRun)
    {
        Initialize(kind, obj, null);
        var op = new AllocationOperation(allocators, dryRun);
        try
        {
            ClusterIpAllocation.OnCreate(obj, op);
            NodePortAllocation.OnCreate(obj, op);
            return op;
        }
        catch
        {
            op.Revert();
            throw;
        }
    }

    public IHookTransaction? BeginUpdate(ResourceKind kind, JsonObject obj, JsonObject old, bool dryRun)
    {
        // A /status write keeps the spec of the stored object: nothing to allocate.
        if (JsonNode.DeepEquals(obj["spec"], old["spec"])) return null;
        Initialize(kind, obj, old);
        var op = new AllocationOperation(allocators, dryRun);
        try
        {
            ClusterIpAllocation.OnUpdate(obj, old, op);
            NodePortAllocation.OnUpdate(obj, old, op);
            return op;
        }
        catch
        {
            op.Revert();
            throw;
        }
    }

    public void AfterDelete(ResourceKind kind, JsonObject obj) => allocators.ReleaseAll(obj);

    private void Initialize(ResourceKind kind, JsonObject obj, JsonObject? old)
    {
        var errors = ServiceClusterIpRules.Check(obj, old);
        if (errors.Count == 0) errors = ServiceIpFamilies.Initialize(obj, old, allocators.Family);
        if (errors.Count > 0) throw StatusException.Invalid(kind, obj.Name(), errors);
    }

    /// <summary>A field-level allocation failure as the registry reports it: 422 with one cause.</summary>
    internal static StatusException Invalid(JsonObject obj, FieldError error) =>
        StatusException.Invalid("Service", "", "Service", obj.Name(), [error]);

    /// <summary>"range is full" and other non-field failures: 500 InternalError.</summary>
    internal static StatusException Internal(string message) => StatusException.Internal(message);
}
