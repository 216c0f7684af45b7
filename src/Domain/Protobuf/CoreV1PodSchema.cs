using static Emulator.Domain.Protobuf.CoreV1Schema;
using static Emulator.Domain.Protobuf.MetaV1Schema;
using static Emulator.Domain.Protobuf.WellKnownSchema;

namespace Emulator.Domain.Protobuf;

/// <summary>
/// Pod, PodTemplate and everything under PodSpec/PodStatus except volumes (<see cref="CoreV1VolumeSchema"/>).
/// Workload templates (Deployment, ReplicaSet, StatefulSet, DaemonSet) reuse <see cref="PodTemplateSpec"/>.
/// Field numbers from kubernetes/api core/v1/generated.proto.
/// </summary>
internal static class CoreV1PodSchema
{
    public const string PodTemplateSpec = "core.PodTemplateSpec";
    private const string Container = "core.Container";
    private const string Probe = "core.Probe";
    private const string ResourceRequirements = "core.ResourceRequirements";

    public static void Register(SchemaBuilder b)
    {
        b.Message("core.Pod")
            .Message(1, "metadata", ObjectMeta)
            .Message(2, "spec", "core.PodSpec")
            .Message(3, "status", "core.PodStatus");
        b.Message("core.PodTemplate")
            .Message(1, "metadata", ObjectMeta)
            .Message(2, "template", PodTemplateSpec);
        b.Message(PodTemplateSpec)
            .Message(1, "metadata", ObjectMeta)
            .Message(2, "spec", "core.PodSpec");

        RegisterPodSpec(b);
        RegisterContainer(b);
        RegisterProbes(b);
        RegisterSecurity(b);
        RegisterScheduling(b);
        RegisterStatus(b);
    }

    private static void RegisterPodSpec(SchemaBuilder b)
    {
        b.Message("core.PodSpec")
            .Messages(1, "volumes", CoreV1VolumeSchema.Volume)
            .Messages(20, "initContainers", Container)
            .Messages(2, "containers", Container)
            .Messages(34, "ephemeralContainers", "core.EphemeralContainer")
            .String(3, "restartPolicy")
            .Int64(4, "terminationGracePeriodSeconds", keepZero: true)
            .Int64(5, "activeDeadlineSeconds", keepZero: true)
            .String(6, "dnsPolicy")
            .StringMap(7, "nodeSelector")
            .String(8, "serviceAccountName")
            .String(9, "serviceAccount")
            .Bool(21, "automountServiceAccountToken", keepZero: true)
            .String(10, "nodeName")
            .Bool(11, "hostNetwork")
            .Bool(12, "hostPID")
            .Bool(13, "hostIPC")
            .Bool(27, "shareProcessNamespace", keepZero: true)
            .Message(14, "securityContext", "core.PodSecurityContext")
            .Messages(15, "imagePullSecrets", LocalObjectReference)
            .String(16, "hostname")
            .String(17, "subdomain")
            .Message(18, "affinity", "core.Affinity")
            .String(19, "schedulerName")
            .Messages(22, "tolerations", "core.Toleration")
            .Messages(23, "hostAliases", "core.HostAlias")
            .String(24, "priorityClassName")
            .Int32(25, "priority", keepZero: true)
            .Message(26, "dnsConfig", "core.PodDNSConfig")
            .Messages(28, "readinessGates", "core.PodReadinessGate")
            .String(29, "runtimeClassName", keepZero: true)
            .Bool(30, "enableServiceLinks", keepZero: true)
            .String(31, "preemptionPolicy", keepZero: true)
            .QuantityMap(32, "overhead")
            .Messages(33, "topologySpreadConstraints", "core.TopologySpreadConstraint")
            .Bool(35, "setHostnameAsFQDN", keepZero: true)
            .Message(36, "os", "core.PodOS")
            .Bool(37, "hostUsers", keepZero: true)
            .Messages(38, "schedulingGates", "core.PodSchedulingGate")
            .Messages(39, "resourceClaims", "core.PodResourceClaim")
            .Message(40, "resources", ResourceRequirements)
            .String(41, "hostnameOverride", keepZero: true)
            .Message(42, "workloadRef", "core.WorkloadReference");

        b.Message("core.HostAlias")
            .String(1, "ip")
            .Strings(2, "hostnames");
        b.Message("core.PodDNSConfig")
            .Strings(1, "nameservers")
            .Strings(2, "searches")
            .Messages(3, "options", "core.PodDNSConfigOption");
        b.Message("core.PodDNSConfigOption")
            .String(1, "name")
            .String(2, "value", keepZero: true);
        b.Message("core.PodReadinessGate")
            .String(1, "conditionType");
        b.Message("core.PodOS")
            .String(1, "name");
        b.Message("core.PodSchedulingGate")
            .String(1, "name");
        b.Message("core.PodResourceClaim")
            .String(1, "name")
            .String(3, "resourceClaimName", keepZero: true)
            .String(4, "resourceClaimTemplateName", keepZero: true);
        b.Message("core.WorkloadReference")
            .String(1, "name")
            .String(2, "podGroup")
            .String(3, "podGroupReplicaKey");
    }

    private static void RegisterContainer(SchemaBuilder b)
    {
        b.Message(Container)
            .String(1, "name")
            .String(2, "image")
            .Strings(3, "command")
            .Strings(4, "args")
            .String(5, "workingDir")
            .Messages(6, "ports", "core.ContainerPort")
            .Messages(19, "envFrom", "core.EnvFromSource")
            .Messages(7, "env", "core.EnvVar")
            .Message(8, "resources", ResourceRequirements)
            .Messages(23, "resizePolicy", "core.ContainerResizePolicy")
            .String(24, "restartPolicy", keepZero: true)
            .Messages(25, "restartPolicyRules", "core.ContainerRestartRule")
            .Messages(9, "volumeMounts", "core.VolumeMount")
            .Messages(21, "volumeDevices", "core.VolumeDevice")
            .Message(10, "livenessProbe", Probe)
            .Message(11, "readinessProbe", Probe)
            .Message(22, "startupProbe", Probe)
            .Message(12, "lifecycle", "core.Lifecycle")
            .String(13, "terminationMessagePath")
            .String(20, "terminationMessagePolicy")
            .String(14, "imagePullPolicy")
            .Message(15, "securityContext", "core.SecurityContext")
            .Bool(16, "stdin")
            .Bool(17, "stdinOnce")
            .Bool(18, "tty");

        // EphemeralContainerCommon repeats Container's fields with the same numbers, so Container's table serves
        // for the inlined part.
        b.Message("core.EphemeralContainer")
            .Inline(1, Container)
            .String(2, "targetContainerName");

        b.Message("core.ContainerPort")
            .String(1, "name")
            .Int32(2, "hostPort")
            .Int32(3, "containerPort")
            .String(4, "protocol")
            .String(5, "hostIP");
        b.Message("core.ContainerResizePolicy")
            .String(1, "resourceName")
            .String(2, "restartPolicy");
        b.Message("core.ContainerRestartRule")
            .String(1, "action")
            .Message(2, "exitCodes", "core.ContainerRestartRuleOnExitCodes");
        b.Message("core.ContainerRestartRuleOnExitCodes")
            .String(1, "operator")
            .Int32s(2, "values");

        b.Message("core.EnvFromSource")
            .String(1, "prefix")
            .Message(2, "configMapRef", "core.ConfigMapEnvSource")
            .Message(3, "secretRef", "core.SecretEnvSource");
        b.Message("core.ConfigMapEnvSource")
            .Inline(1, LocalObjectReference)
            .Bool(2, "optional", keepZero: true);
        b.Message("core.SecretEnvSource")
            .Inline(1, LocalObjectReference)
            .Bool(2, "optional", keepZero: true);
        b.Message("core.EnvVar")
            .String(1, "name")
            .String(2, "value")
            .Message(3, "valueFrom", "core.EnvVarSource");
        b.Message("core.EnvVarSource")
            .Message(1, "fieldRef", "core.ObjectFieldSelector")
            .Message(2, "resourceFieldRef", "core.ResourceFieldSelector")
            .Message(3, "configMapKeyRef", "core.ConfigMapKeySelector")
            .Message(4, "secretKeyRef", "core.SecretKeySelector")
            .Message(5, "fileKeyRef", "core.FileKeySelector");
        b.Message("core.ConfigMapKeySelector")
            .Inline(1, LocalObjectReference)
            .String(2, "key")
            .Bool(3, "optional", keepZero: true);
        b.Message("core.SecretKeySelector")
            .Inline(1, LocalObjectReference)
            .String(2, "key")
            .Bool(3, "optional", keepZero: true);
        b.Message("core.FileKeySelector")
            .String(1, "volumeName")
            .String(2, "path")
            .String(3, "key")
            .Bool(4, "optional", keepZero: true);
        b.Message("core.ObjectFieldSelector")
            .String(1, "apiVersion")
            .String(2, "fieldPath");
        b.Message("core.ResourceFieldSelector")
            .String(1, "containerName")
            .String(2, "resource")
            .Message(3, "divisor", Quantity);

        b.Message(ResourceRequirements)
            .QuantityMap(1, "limits")
            .QuantityMap(2, "requests")
            .Messages(3, "claims", "core.ResourceClaim");
        b.Message("core.ResourceClaim")
            .String(1, "name")
            .String(2, "request");

        b.Message("core.VolumeMount")
            .String(1, "name")
            .Bool(2, "readOnly")
            .String(7, "recursiveReadOnly", keepZero: true)
            .String(3, "mountPath")
            .String(4, "subPath")
            .String(5, "mountPropagation", keepZero: true)
            .String(6, "subPathExpr");
        b.Message("core.VolumeDevice")
            .String(1, "name")
            .String(2, "devicePath");
    }

    private static void RegisterProbes(SchemaBuilder b)
    {
        b.Message(Probe)
            .Inline(1, "core.ProbeHandler")
            .Int32(2, "initialDelaySeconds")
            .Int32(3, "timeoutSeconds")
            .Int32(4, "periodSeconds")
            .Int32(5, "successThreshold")
            .Int32(6, "failureThreshold")
            .Int64(7, "terminationGracePeriodSeconds", keepZero: true);
        b.Message("core.ProbeHandler")
            .Message(1, "exec", "core.ExecAction")
            .Message(2, "httpGet", "core.HTTPGetAction")
            .Message(3, "tcpSocket", "core.TCPSocketAction")
            .Message(4, "grpc", "core.GRPCAction");
        b.Message("core.ExecAction")
            .Strings(1, "command");
        b.Message("core.HTTPGetAction")
            .String(1, "path")
            .Message(2, "port", IntOrString)
            .String(3, "host")
            .String(4, "scheme")
            .Messages(5, "httpHeaders", "core.HTTPHeader");
        b.Message("core.HTTPHeader")
            .String(1, "name")
            .String(2, "value");
        b.Message("core.TCPSocketAction")
            .Message(1, "port", IntOrString)
            .String(2, "host");
        b.Message("core.GRPCAction")
            .Int32(1, "port", keepZero: true)
            .String(2, "service", keepZero: true);

        b.Message("core.Lifecycle")
            .Message(1, "postStart", "core.LifecycleHandler")
            .Message(2, "preStop", "core.LifecycleHandler")
            .String(3, "stopSignal", keepZero: true);
        b.Message("core.LifecycleHandler")
            .Message(1, "exec", "core.ExecAction")
            .Message(2, "httpGet", "core.HTTPGetAction")
            .Message(3, "tcpSocket", "core.TCPSocketAction")
            .Message(4, "sleep", "core.SleepAction");
        b.Message("core.SleepAction")
            .Int64(1, "seconds", keepZero: true);
    }

    private static void RegisterSecurity(SchemaBuilder b)
    {
        b.Message("core.SecurityContext")
            .Message(1, "capabilities", "core.Capabilities")
            .Bool(2, "privileged", keepZero: true)
            .Message(3, "seLinuxOptions", "core.SELinuxOptions")
            .Message(10, "windowsOptions", "core.WindowsSecurityContextOptions")
            .Int64(4, "runAsUser", keepZero: true)
            .Int64(8, "runAsGroup", keepZero: true)
            .Bool(5, "runAsNonRoot", keepZero: true)
            .Bool(6, "readOnlyRootFilesystem", keepZero: true)
            .Bool(7, "allowPrivilegeEscalation", keepZero: true)
            .String(9, "procMount", keepZero: true)
            .Message(11, "seccompProfile", "core.SeccompProfile")
            .Message(12, "appArmorProfile", "core.AppArmorProfile")
            .Messages(13, "ulimits", "core.Ulimit");
        b.Message("core.Capabilities")
            .Strings(1, "add")
            .Strings(2, "drop");
        b.Message("core.SELinuxOptions")
            .String(1, "user")
            .String(2, "role")
            .String(3, "type")
            .String(4, "level");
        b.Message("core.WindowsSecurityContextOptions")
            .String(1, "gmsaCredentialSpecName", keepZero: true)
            .String(2, "gmsaCredentialSpec", keepZero: true)
            .String(3, "runAsUserName", keepZero: true)
            .Bool(4, "hostProcess", keepZero: true);
        b.Message("core.SeccompProfile")
            .String(1, "type")
            .String(2, "localhostProfile", keepZero: true);
        b.Message("core.AppArmorProfile")
            .String(1, "type")
            .String(2, "localhostProfile", keepZero: true);
        b.Message("core.Ulimit")
            .String(1, "name")
            .Int64(2, "hard", keepZero: true)
            .Int64(3, "soft", keepZero: true);

        b.Message("core.PodSecurityContext")
            .Message(1, "seLinuxOptions", "core.SELinuxOptions")
            .Message(8, "windowsOptions", "core.WindowsSecurityContextOptions")
            .Int64(2, "runAsUser", keepZero: true)
            .Int64(6, "runAsGroup", keepZero: true)
            .Bool(3, "runAsNonRoot", keepZero: true)
            .Int64s(4, "supplementalGroups")
            .String(12, "supplementalGroupsPolicy", keepZero: true)
            .Int64(5, "fsGroup", keepZero: true)
            .Messages(7, "sysctls", "core.Sysctl")
            .String(9, "fsGroupChangePolicy", keepZero: true)
            .Message(10, "seccompProfile", "core.SeccompProfile")
            .Message(11, "appArmorProfile", "core.AppArmorProfile")
            .String(13, "seLinuxChangePolicy", keepZero: true);
        b.Message("core.Sysctl")
            .String(1, "name")
            .String(2, "value");
    }

    private static void RegisterScheduling(SchemaBuilder b)
    {
        b.Message("core.Affinity")
            .Message(1, "nodeAffinity", "core.NodeAffinity")
            .Message(2, "podAffinity", "core.PodAffinity")
            .Message(3, "podAntiAffinity", "core.PodAntiAffinity");
        b.Message("core.NodeAffinity")
            .Message(1, "requiredDuringSchedulingIgnoredDuringExecution", "core.NodeSelector")
            .Messages(2, "preferredDuringSchedulingIgnoredDuringExecution", "core.PreferredSchedulingTerm");
        b.Message("core.NodeSelector")
            .Messages(1, "nodeSelectorTerms", "core.NodeSelectorTerm");
        b.Message("core.NodeSelectorTerm")
            .Messages(1, "matchExpressions", "core.NodeSelectorRequirement")
            .Messages(2, "matchFields", "core.NodeSelectorRequirement");
        b.Message("core.NodeSelectorRequirement")
            .String(1, "key")
            .String(2, "operator")
            .Strings(3, "values");
        b.Message("core.PreferredSchedulingTerm")
            .Int32(1, "weight", keepZero: true)
            .Message(2, "preference", "core.NodeSelectorTerm");
        b.Message("core.PodAffinity")
            .Messages(1, "requiredDuringSchedulingIgnoredDuringExecution", "core.PodAffinityTerm")
            .Messages(2, "preferredDuringSchedulingIgnoredDuringExecution", "core.WeightedPodAffinityTerm");
        b.Message("core.PodAntiAffinity")
            .Messages(1, "requiredDuringSchedulingIgnoredDuringExecution", "core.PodAffinityTerm")
            .Messages(2, "preferredDuringSchedulingIgnoredDuringExecution", "core.WeightedPodAffinityTerm");
        b.Message("core.PodAffinityTerm")
            .Message(1, "labelSelector", LabelSelector)
            .Strings(2, "namespaces")
            .String(3, "topologyKey")
            .Message(4, "namespaceSelector", LabelSelector)
            .Strings(5, "matchLabelKeys")
            .Strings(6, "mismatchLabelKeys");
        b.Message("core.WeightedPodAffinityTerm")
            .Int32(1, "weight", keepZero: true)
            .Message(2, "podAffinityTerm", "core.PodAffinityTerm");

        b.Message("core.Toleration")
            .String(1, "key")
            .String(2, "operator")
            .String(3, "value")
            .String(4, "effect")
            .Int64(5, "tolerationSeconds", keepZero: true);
        b.Message("core.TopologySpreadConstraint")
            .Int32(1, "maxSkew", keepZero: true)
            .String(2, "topologyKey")
            .String(3, "whenUnsatisfiable")
            .Message(4, "labelSelector", LabelSelector)
            .Int32(5, "minDomains", keepZero: true)
            .String(6, "nodeAffinityPolicy", keepZero: true)
            .String(7, "nodeTaintsPolicy", keepZero: true)
            .Strings(8, "matchLabelKeys");
    }

    private static void RegisterStatus(SchemaBuilder b)
    {
        b.Message("core.PodStatus")
            .Int64(17, "observedGeneration")
            .String(1, "phase")
            .Messages(2, "conditions", "core.PodCondition")
            .String(3, "message")
            .String(4, "reason")
            .String(11, "nominatedNodeName")
            .String(5, "hostIP")
            .Messages(16, "hostIPs", "core.HostIP")
            .String(6, "podIP")
            .Messages(12, "podIPs", "core.PodIP")
            .Message(7, "startTime", Time)
            .Messages(10, "initContainerStatuses", "core.ContainerStatus")
            .Messages(8, "containerStatuses", "core.ContainerStatus")
            .String(9, "qosClass")
            .Messages(13, "ephemeralContainerStatuses", "core.ContainerStatus")
            .String(14, "resize")
            .Messages(15, "resourceClaimStatuses", "core.PodResourceClaimStatus")
            .Message(18, "extendedResourceClaimStatus", "core.PodExtendedResourceClaimStatus")
            .QuantityMap(19, "allocatedResources")
            .Message(20, "resources", ResourceRequirements);
        b.Message("core.PodCondition")
            .String(1, "type")
            .Int64(7, "observedGeneration")
            .String(2, "status")
            .Message(3, "lastProbeTime", Time)
            .Message(4, "lastTransitionTime", Time)
            .String(5, "reason")
            .String(6, "message");
        b.Message("core.HostIP")
            .String(1, "ip");
        b.Message("core.PodIP")
            .String(1, "ip");
        b.Message("core.PodResourceClaimStatus")
            .String(1, "name")
            .String(2, "resourceClaimName", keepZero: true);
        b.Message("core.PodExtendedResourceClaimStatus")
            .Messages(1, "requestMappings", "core.ContainerExtendedResourceRequest")
            .String(2, "resourceClaimName");
        b.Message("core.ContainerExtendedResourceRequest")
            .String(1, "containerName")
            .String(2, "resourceName")
            .String(3, "requestName");

        b.Message("core.ContainerStatus")
            .String(1, "name")
            .Message(2, "state", "core.ContainerState")
            .Message(3, "lastState", "core.ContainerState")
            .Bool(4, "ready", keepZero: true)
            .Int32(5, "restartCount", keepZero: true)
            .String(6, "image")
            .String(7, "imageID")
            .String(8, "containerID")
            .Bool(9, "started", keepZero: true)
            .QuantityMap(10, "allocatedResources")
            .Message(11, "resources", ResourceRequirements)
            .Messages(12, "volumeMounts", "core.VolumeMountStatus")
            .Message(13, "user", "core.ContainerUser")
            .Messages(14, "allocatedResourcesStatus", "core.ResourceStatus")
            .String(15, "stopSignal", keepZero: true);
        b.Message("core.ContainerState")
            .Message(1, "waiting", "core.ContainerStateWaiting")
            .Message(2, "running", "core.ContainerStateRunning")
            .Message(3, "terminated", "core.ContainerStateTerminated");
        b.Message("core.ContainerStateWaiting")
            .String(1, "reason")
            .String(2, "message");
        b.Message("core.ContainerStateRunning")
            .Message(1, "startedAt", Time);
        b.Message("core.ContainerStateTerminated")
            .Int32(1, "exitCode", keepZero: true)
            .Int32(2, "signal")
            .String(3, "reason")
            .String(4, "message")
            .Message(5, "startedAt", Time)
            .Message(6, "finishedAt", Time)
            .String(7, "containerID");
        b.Message("core.VolumeMountStatus")
            .String(1, "name")
            .String(2, "mountPath")
            .Bool(3, "readOnly")
            .String(4, "recursiveReadOnly", keepZero: true)
            .Message(5, "volumeStatus", "core.VolumeStatus");
        b.Message("core.VolumeStatus")
            .Message(1, "image", "core.ImageVolumeStatus");
        b.Message("core.ImageVolumeStatus")
            .String(1, "imageRef");
        b.Message("core.ContainerUser")
            .Message(1, "linux", "core.LinuxContainerUser");
        b.Message("core.LinuxContainerUser")
            .Int64(1, "uid", keepZero: true)
            .Int64(2, "gid", keepZero: true)
            .Int64s(3, "supplementalGroups");
        b.Message("core.ResourceStatus")
            .String(1, "name")
            .Messages(2, "resources", "core.ResourceHealth");
        b.Message("core.ResourceHealth")
            .String(1, "resourceID")
            .String(2, "health")
            .String(6, "message", keepZero: true);
    }
}
