using static Emulator.Domain.Protobuf.MetaV1Schema;
using static Emulator.Domain.Protobuf.WellKnownSchema;

namespace Emulator.Domain.Protobuf;

/// <summary>
/// k8s.io.api.core.v1 top-level objects other than the Pod internals (see <see cref="CoreV1PodSchema"/> and
/// <see cref="CoreV1VolumeSchema"/>). Field numbers from kubernetes/api core/v1/generated.proto (the v1.35/v1.36
/// development layout, a superset of what kubectl v1.35 sends).
/// </summary>
internal static class CoreV1Schema
{
    public const string ObjectReference = "core.ObjectReference";
    public const string LocalObjectReference = "core.LocalObjectReference";
    public const string PersistentVolumeClaimSpec = "core.PersistentVolumeClaimSpec";

    public static void Register(SchemaBuilder b)
    {
        RegisterConfiguration(b);
        RegisterServices(b);
        RegisterEvents(b);
        RegisterNodes(b);
        RegisterClaims(b);

        b.Message(ObjectReference)
            .String(1, "kind")
            .String(2, "namespace")
            .String(3, "name")
            .String(4, "uid")
            .String(5, "apiVersion")
            .String(6, "resourceVersion")
            .String(7, "fieldPath");

        b.Message(LocalObjectReference)
            .String(1, "name");
    }

    private static void RegisterConfiguration(SchemaBuilder b)
    {
        b.Message("core.Namespace")
            .Message(1, "metadata", ObjectMeta)
            .Message(2, "spec", "core.NamespaceSpec")
            .Message(3, "status", "core.NamespaceStatus");
        b.Message("core.NamespaceSpec")
            .Strings(1, "finalizers");
        b.Message("core.NamespaceStatus")
            .String(1, "phase")
            .Messages(2, "conditions", "core.NamespaceCondition");
        b.Message("core.NamespaceCondition")
            .String(1, "type")
            .String(2, "status")
            .Message(4, "lastTransitionTime", Time)
            .String(5, "reason")
            .String(6, "message");

        b.Message("core.ConfigMap")
            .Message(1, "metadata", ObjectMeta)
            .Bool(4, "immutable", keepZero: true)
            .StringMap(2, "data")
            .BytesMap(3, "binaryData");

        b.Message("core.Secret")
            .Message(1, "metadata", ObjectMeta)
            .Bool(5, "immutable", keepZero: true)
            .BytesMap(2, "data")
            .StringMap(4, "stringData")
            .String(3, "type");

        b.Message("core.ServiceAccount")
            .Message(1, "metadata", ObjectMeta)
            .Messages(2, "secrets", ObjectReference)
            .Messages(3, "imagePullSecrets", LocalObjectReference)
            .Bool(4, "automountServiceAccountToken", keepZero: true);
    }

    private static void RegisterServices(SchemaBuilder b)
    {
        b.Message("core.Service")
            .Message(1, "metadata", ObjectMeta)
            .Message(2, "spec", "core.ServiceSpec")
            .Message(3, "status", "core.ServiceStatus");

        b.Message("core.ServiceSpec")
            .Messages(1, "ports", "core.ServicePort")
            .StringMap(2, "selector")
            .String(3, "clusterIP")
            .Strings(18, "clusterIPs")
            .String(4, "type")
            .Strings(5, "externalIPs")
            .String(7, "sessionAffinity")
            .String(8, "loadBalancerIP")
            .Strings(9, "loadBalancerSourceRanges")
            .String(10, "externalName")
            .String(11, "externalTrafficPolicy")
            .Int32(12, "healthCheckNodePort")
            .Bool(13, "publishNotReadyAddresses")
            .Message(14, "sessionAffinityConfig", "core.SessionAffinityConfig")
            .Strings(19, "ipFamilies")
            .String(17, "ipFamilyPolicy", keepZero: true)
            .Bool(20, "allocateLoadBalancerNodePorts", keepZero: true)
            .String(21, "loadBalancerClass", keepZero: true)
            .String(22, "internalTrafficPolicy", keepZero: true)
            .String(23, "trafficDistribution", keepZero: true);

        b.Message("core.ServicePort")
            .String(1, "name")
            .String(2, "protocol")
            .String(6, "appProtocol", keepZero: true)
            .Int32(3, "port")
            .Message(4, "targetPort", IntOrString)
            .Int32(5, "nodePort");

        b.Message("core.SessionAffinityConfig")
            .Message(1, "clientIP", "core.ClientIPConfig");
        b.Message("core.ClientIPConfig")
            .Int32(1, "timeoutSeconds", keepZero: true);

        b.Message("core.ServiceStatus")
            .Message(1, "loadBalancer", "core.LoadBalancerStatus")
            .Messages(2, "conditions", Condition);
        b.Message("core.LoadBalancerStatus")
            .Messages(1, "ingress", "core.LoadBalancerIngress");
        b.Message("core.LoadBalancerIngress")
            .String(1, "ip")
            .String(2, "hostname")
            .String(3, "ipMode", keepZero: true)
            .Messages(4, "ports", "core.PortStatus");
        b.Message("core.PortStatus")
            .Int32(1, "port")
            .String(2, "protocol")
            .String(3, "error", keepZero: true);

        b.Message("core.Endpoints")
            .Message(1, "metadata", ObjectMeta)
            .Messages(2, "subsets", "core.EndpointSubset");
        b.Message("core.EndpointSubset")
            .Messages(1, "addresses", "core.EndpointAddress")
            .Messages(2, "notReadyAddresses", "core.EndpointAddress")
            .Messages(3, "ports", "core.EndpointPort");
        b.Message("core.EndpointAddress")
            .String(1, "ip")
            .String(3, "hostname")
            .String(4, "nodeName", keepZero: true)
            .Message(2, "targetRef", ObjectReference);
        b.Message("core.EndpointPort")
            .String(1, "name")
            .Int32(2, "port")
            .String(3, "protocol")
            .String(4, "appProtocol", keepZero: true);
    }

    private static void RegisterEvents(SchemaBuilder b)
    {
        b.Message("core.Event")
            .Message(1, "metadata", ObjectMeta)
            .Message(2, "involvedObject", ObjectReference)
            .String(3, "reason")
            .String(4, "message")
            .Message(5, "source", "core.EventSource")
            .Message(6, "firstTimestamp", Time)
            .Message(7, "lastTimestamp", Time)
            .Int32(8, "count")
            .String(9, "type")
            .Message(10, "eventTime", MicroTime)
            .Message(11, "series", "core.EventSeries")
            .String(12, "action")
            .Message(13, "related", ObjectReference)
            .String(14, "reportingComponent")
            .String(15, "reportingInstance");
        b.Message("core.EventSource")
            .String(1, "component")
            .String(2, "host");
        b.Message("core.EventSeries")
            .Int32(1, "count")
            .Message(2, "lastObservedTime", MicroTime);
    }

    private static void RegisterNodes(SchemaBuilder b)
    {
        b.Message("core.Node")
            .Message(1, "metadata", ObjectMeta)
            .Message(2, "spec", "core.NodeSpec")
            .Message(3, "status", "core.NodeStatus");

        b.Message("core.NodeSpec")
            .String(1, "podCIDR")
            .Strings(7, "podCIDRs")
            .String(3, "providerID")
            .Bool(4, "unschedulable")
            .Messages(5, "taints", "core.Taint")
            .Message(6, "configSource", "core.NodeConfigSource")
            .String(2, "externalID");
        b.Message("core.Taint")
            .String(1, "key")
            .String(2, "value")
            .String(3, "effect")
            .Message(4, "timeAdded", Time);
        b.Message("core.NodeConfigSource")
            .Message(2, "configMap", "core.ConfigMapNodeConfigSource");
        b.Message("core.ConfigMapNodeConfigSource")
            .String(1, "namespace")
            .String(2, "name")
            .String(3, "uid")
            .String(4, "resourceVersion")
            .String(5, "kubeletConfigKey");

        b.Message("core.NodeStatus")
            .QuantityMap(1, "capacity")
            .QuantityMap(2, "allocatable")
            .String(3, "phase")
            .Messages(4, "conditions", "core.NodeCondition")
            .Messages(5, "addresses", "core.NodeAddress")
            .Message(6, "daemonEndpoints", "core.NodeDaemonEndpoints")
            .Message(7, "nodeInfo", "core.NodeSystemInfo")
            .Messages(8, "images", "core.ContainerImage")
            .Strings(9, "volumesInUse")
            .Messages(10, "volumesAttached", "core.AttachedVolume")
            .Message(11, "config", "core.NodeConfigStatus")
            .Messages(12, "runtimeHandlers", "core.NodeRuntimeHandler")
            .Message(13, "features", "core.NodeFeatures")
            .Strings(14, "declaredFeatures");
        b.Message("core.NodeCondition")
            .String(1, "type")
            .String(2, "status")
            .Message(3, "lastHeartbeatTime", Time)
            .Message(4, "lastTransitionTime", Time)
            .String(5, "reason")
            .String(6, "message");
        b.Message("core.NodeAddress")
            .String(1, "type")
            .String(2, "address");
        b.Message("core.NodeDaemonEndpoints")
            .Message(1, "kubeletEndpoint", "core.DaemonEndpoint");
        // The only capitalised JSON name in core/v1: DaemonEndpoint's Go tag is json:"Port" (no omitempty).
        b.Message("core.DaemonEndpoint")
            .Int32(1, "Port", keepZero: true);
        b.Message("core.NodeSystemInfo")
            .String(1, "machineID")
            .String(2, "systemUUID")
            .String(3, "bootID")
            .String(4, "kernelVersion")
            .String(5, "osImage")
            .String(6, "containerRuntimeVersion")
            .String(7, "kubeletVersion")
            .String(8, "kubeProxyVersion")
            .String(9, "operatingSystem")
            .String(10, "architecture")
            .Message(11, "swap", "core.NodeSwapStatus");
        b.Message("core.NodeSwapStatus")
            .Int64(1, "capacity", keepZero: true);
        b.Message("core.ContainerImage")
            .Strings(1, "names")
            .Int64(2, "sizeBytes");
        b.Message("core.AttachedVolume")
            .String(1, "name")
            .String(2, "devicePath");
        b.Message("core.NodeConfigStatus")
            .Message(1, "assigned", "core.NodeConfigSource")
            .Message(2, "active", "core.NodeConfigSource")
            .Message(3, "lastKnownGood", "core.NodeConfigSource")
            .String(4, "error");
        b.Message("core.NodeRuntimeHandler")
            .String(1, "name")
            .Message(2, "features", "core.NodeRuntimeHandlerFeatures");
        b.Message("core.NodeRuntimeHandlerFeatures")
            .Bool(1, "recursiveReadOnlyMounts", keepZero: true)
            .Bool(2, "userNamespaces", keepZero: true);
        b.Message("core.NodeFeatures")
            .Bool(1, "supplementalGroupsPolicy", keepZero: true)
            .Bool(2, "containerUlimits", keepZero: true);
    }

    private static void RegisterClaims(SchemaBuilder b)
    {
        b.Message("core.PersistentVolumeClaim")
            .Message(1, "metadata", ObjectMeta)
            .Message(2, "spec", PersistentVolumeClaimSpec)
            .Message(3, "status", "core.PersistentVolumeClaimStatus");

        b.Message(PersistentVolumeClaimSpec)
            .Strings(1, "accessModes")
            .Message(4, "selector", LabelSelector)
            .Message(2, "resources", "core.VolumeResourceRequirements")
            .String(3, "volumeName")
            .String(5, "storageClassName", keepZero: true)
            .String(6, "volumeMode", keepZero: true)
            .Message(7, "dataSource", "core.TypedLocalObjectReference")
            .Message(8, "dataSourceRef", "core.TypedObjectReference")
            .String(9, "volumeAttributesClassName", keepZero: true);
        b.Message("core.VolumeResourceRequirements")
            .QuantityMap(1, "limits")
            .QuantityMap(2, "requests");
        b.Message("core.TypedLocalObjectReference")
            .String(1, "apiGroup", keepZero: true)
            .String(2, "kind")
            .String(3, "name");
        b.Message("core.TypedObjectReference")
            .String(1, "apiGroup", keepZero: true)
            .String(2, "kind")
            .String(3, "name")
            .String(4, "namespace", keepZero: true);

        b.Message("core.PersistentVolumeClaimStatus")
            .String(1, "phase")
            .Strings(2, "accessModes")
            .QuantityMap(3, "capacity")
            .Messages(4, "conditions", "core.PersistentVolumeClaimCondition")
            .QuantityMap(5, "allocatedResources")
            .StringMap(7, "allocatedResourceStatuses")
            .String(8, "currentVolumeAttributesClassName", keepZero: true)
            .Message(9, "modifyVolumeStatus", "core.ModifyVolumeStatus");
        b.Message("core.PersistentVolumeClaimCondition")
            .String(1, "type")
            .String(2, "status")
            .Message(3, "lastProbeTime", Time)
            .Message(4, "lastTransitionTime", Time)
            .String(5, "reason")
            .String(6, "message");
        b.Message("core.ModifyVolumeStatus")
            .String(1, "targetVolumeAttributesClassName")
            .String(2, "status");
    }
}
