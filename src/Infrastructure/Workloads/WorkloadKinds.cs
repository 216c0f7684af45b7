using System.Text.Json.Nodes;
using Emulator.Domain.Resources;
using Emulator.Domain.Workloads;
using Emulator.Infrastructure.Storage;

namespace Emulator.Infrastructure.Workloads;

/// <summary>The definitions and store keys the workload controllers read and write, looked up once from the catalog.</summary>
public sealed class WorkloadKinds(ResourceCatalog catalog)
{
    public ResourceDefinition Pods { get; } = catalog.Get("", "Pod");
    public ResourceDefinition Nodes { get; } = catalog.Get("", "Node");
    public ResourceDefinition Services { get; } = catalog.Get("", "Service");
    public ResourceDefinition ReplicaSets { get; } = catalog.Get("apps", "ReplicaSet");
    public ResourceDefinition Deployments { get; } = catalog.Get("apps", "Deployment");
    public ResourceDefinition Leases { get; } = catalog.Get("coordination.k8s.io", "Lease");
    public ResourceDefinition PodDisruptionBudgets { get; } = catalog.Get("policy", "PodDisruptionBudget");

    public static ResourceKey KeyOf(ResourceDefinition def) => new(def.Kind.Group, def.Kind.Plural);

    public static ObjectKey ObjectKeyOf(ResourceDefinition def, string ns, string name) => new(def.Kind.Group, def.Kind.Plural, ns, name);

    /// <summary>The key of <paramref name="obj"/>'s controller when that controller is a <paramref name="owner"/>, else null.</summary>
    public static ObjectKey? ControllerKeyOf(JsonObject obj, ResourceDefinition owner, string ns)
    {
        var controller = PodFacts.ControllerRef(obj);
        return controller?.Str("kind") == owner.Kind.Kind && controller.Str("name") is { } name ? ObjectKeyOf(owner, ns, name) : null;
    }
}
