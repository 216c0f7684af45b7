using k8s.Models;

namespace Emulator.Domain.OpenApi;

/// <summary>
/// The <c>patchStrategy</c>/<c>patchMergeKey</c> struct tags and <c>+listType</c>/<c>+listMapKey</c> markers of the
/// fields that have them, written out from the Go types (kubernetes/api core/v1/types.go, apps/v1/types.go,
/// apimachinery meta/v1/types.go, v1.35). The k8s.Models classes do not carry them. A list that is not here is
/// atomic: strategic merge patch replaces it whole and server-side apply owns it as one field.
/// </summary>
public static class PatchMetaTable
{
    private static readonly PatchMeta ByName = new("merge", "name", "map", ["name"]);
    private static readonly PatchMeta ByType = new("merge", "type", "map", ["type"]);

    private static readonly Dictionary<(Type, string), PatchMeta> Table = new()
    {
        // meta/v1 ObjectMeta
        [(typeof(V1ObjectMeta), "finalizers")] = new("merge", null, "set"),
        [(typeof(V1ObjectMeta), "ownerReferences")] = new("merge", "uid", "map", ["uid"]),
        // core/v1 PodSpec
        [(typeof(V1PodSpec), "volumes")] = new("merge,retainKeys", "name", "map", ["name"]),
        [(typeof(V1PodSpec), "initContainers")] = ByName,
        [(typeof(V1PodSpec), "containers")] = ByName,
        [(typeof(V1PodSpec), "ephemeralContainers")] = ByName,
        [(typeof(V1PodSpec), "imagePullSecrets")] = ByName,
        [(typeof(V1PodSpec), "hostAliases")] = new("merge", "ip", "map", ["ip"]),
        [(typeof(V1PodSpec), "topologySpreadConstraints")] = new("merge", "topologyKey", "map", ["topologyKey", "whenUnsatisfiable"]),
        [(typeof(V1PodSpec), "schedulingGates")] = ByName,
        [(typeof(V1PodSpec), "resourceClaims")] = new("merge,retainKeys", "name", "map", ["name"]),
        // core/v1 Container and EphemeralContainer (EphemeralContainerCommon)
        [(typeof(V1Container), "ports")] = new("merge", "containerPort", "map", ["containerPort", "protocol"]),
        [(typeof(V1Container), "env")] = ByName,
        [(typeof(V1Container), "volumeMounts")] = new("merge", "mountPath", "map", ["mountPath"]),
        [(typeof(V1Container), "volumeDevices")] = new("merge", "devicePath", "map", ["devicePath"]),
        [(typeof(V1EphemeralContainer), "ports")] = new("merge", "containerPort", "map", ["containerPort", "protocol"]),
        [(typeof(V1EphemeralContainer), "env")] = ByName,
        [(typeof(V1EphemeralContainer), "volumeMounts")] = new("merge", "mountPath", "map", ["mountPath"]),
        [(typeof(V1EphemeralContainer), "volumeDevices")] = new("merge", "devicePath", "map", ["devicePath"]),
        [(typeof(V1ResourceRequirements), "claims")] = new(null, null, "map", ["name"]),
        // core/v1 PodStatus
        [(typeof(V1PodStatus), "conditions")] = ByType,
        [(typeof(V1PodStatus), "podIPs")] = new("merge", "ip", "map", ["ip"]),
        [(typeof(V1PodStatus), "hostIPs")] = new("merge", "ip", "atomic"),
        [(typeof(V1PodStatus), "resourceClaimStatuses")] = new("merge,retainKeys", "name", "map", ["name"]),
        // core/v1 Service
        [(typeof(V1ServiceSpec), "ports")] = new("merge", "port", "map", ["port", "protocol"]),
        [(typeof(V1ServiceStatus), "conditions")] = ByType,
        // core/v1 Node, Namespace, ServiceAccount
        [(typeof(V1NodeSpec), "podCIDRs")] = new("merge", null, "set"),
        [(typeof(V1NodeStatus), "conditions")] = ByType,
        [(typeof(V1NodeStatus), "addresses")] = ByType,
        [(typeof(V1NamespaceStatus), "conditions")] = ByType,
        [(typeof(V1ServiceAccount), "secrets")] = ByName,
        // apps/v1
        [(typeof(V1DeploymentSpec), "strategy")] = new("retainKeys"),
        [(typeof(V1DeploymentStatus), "conditions")] = ByType,
        [(typeof(V1ReplicaSetStatus), "conditions")] = ByType,
        [(typeof(V1DaemonSetStatus), "conditions")] = ByType,
        // batch/v1
        [(typeof(V1JobStatus), "conditions")] = new("merge", "type", "atomic"),
    };

    public static PatchMeta Lookup(Type type, string field) => Table.GetValueOrDefault((type, field)) ?? PatchMeta.None;
}
