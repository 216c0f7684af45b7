using Emulator.Domain.Printing;
using Emulator.Domain.Resources;

namespace Emulator.Domain.Tests.Printing;

public sealed class PrinterCatalogTests
{
    /// <summary>
    /// Kinds with a TableHandler in pkg/printers/internalversion/printers.go (AddHandlers), plus the two whose
    /// convertor lives elsewhere (CRDs in apiextensions-apiserver, APIServices in kube-aggregator). Everything
    /// else (Role, ClusterRole, LimitRange, ...) is printed by the default Name / Created At convertor.
    /// </summary>
    private static readonly HashSet<string> KindsWithOwnPrinter =
    [
        "Pod", "PodTemplate", "PodDisruptionBudget", "ReplicationController", "ReplicaSet", "DaemonSet", "Job", "CronJob",
        "Service", "Ingress", "IngressClass", "StatefulSet", "Endpoints", "Node", "Event", "Namespace", "Secret",
        "ServiceAccount", "PersistentVolume", "PersistentVolumeClaim", "ComponentStatus", "Deployment",
        "HorizontalPodAutoscaler", "ConfigMap", "NetworkPolicy", "RoleBinding", "ClusterRoleBinding",
        "CertificateSigningRequest", "ClusterTrustBundle", "Lease", "LeaseCandidate", "StorageClass",
        "VolumeAttributesClass", "ControllerRevision", "ResourceQuota", "PriorityClass", "RuntimeClass",
        "VolumeAttachment", "EndpointSlice", "CSINode", "CSIDriver", "CSIStorageCapacity", "MutatingWebhookConfiguration",
        "ValidatingWebhookConfiguration", "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding",
        "MutatingAdmissionPolicy", "MutatingAdmissionPolicyBinding", "FlowSchema", "PriorityLevelConfiguration",
        "StorageVersion", "DeviceClass", "ResourceClaim", "ResourceClaimTemplate", "ResourceSlice", "ServiceCIDR",
        "IPAddress", "StorageVersionMigration", "CustomResourceDefinition", "APIService",
    ];

    public static TheoryData<string> CatalogKinds => [.. ResourceCatalog.FromAssembly().All.Select(d => d.Kind.GroupKind)];

    [Theory]
    [MemberData(nameof(CatalogKinds))]
    public void Kind_has_its_real_printer_or_the_default_convertor(string groupKind)
    {
        var definition = ResourceCatalog.FromAssembly().All.Single(d => d.Kind.GroupKind == groupKind);
        var expectsOwnPrinter = KindsWithOwnPrinter.Contains(definition.Kind.Kind);
        Assert.Equal(expectsOwnPrinter, definition.Printer is not DefaultTablePrinter);
    }

    [Fact]
    public void Catalog_serves_the_printed_kinds()
    {
        var kinds = ResourceCatalog.FromAssembly().All.Select(d => d.Kind.GroupKind).ToHashSet();
        Assert.Superset(new HashSet<string>
        {
            "Namespace", "ConfigMap", "Secret", "Service", "Endpoints", "Pod", "Node", "Event", "ServiceAccount",
            "Deployment.apps", "ReplicaSet.apps", "EndpointSlice.discovery.k8s.io", "Event.events.k8s.io", "Lease.coordination.k8s.io",
        }, kinds);
    }
}
