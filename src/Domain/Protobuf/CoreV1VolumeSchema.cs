using static Emulator.Domain.Protobuf.CoreV1Schema;
using static Emulator.Domain.Protobuf.MetaV1Schema;
using static Emulator.Domain.Protobuf.WellKnownSchema;

namespace Emulator.Domain.Protobuf;

/// <summary>
/// Pod volumes: Volume inlines VolumeSource, so <c>{"name": "x", "configMap": {...}}</c> comes out flat, as in JSON.
/// All the in-tree sources a Pod can name are declared (the deprecated ones too, since old manifests still use
/// them). Field numbers from kubernetes/api core/v1/generated.proto.
/// </summary>
internal static class CoreV1VolumeSchema
{
    public const string Volume = "core.Volume";
    private const string KeyToPath = "core.KeyToPath";
    private const string DownwardAPIVolumeFile = "core.DownwardAPIVolumeFile";

    public static void Register(SchemaBuilder b)
    {
        b.Message(Volume)
            .String(1, "name")
            .Inline(2, "core.VolumeSource");

        b.Message("core.VolumeSource")
            .Message(1, "hostPath", "core.HostPathVolumeSource")
            .Message(2, "emptyDir", "core.EmptyDirVolumeSource")
            .Message(3, "gcePersistentDisk", "core.GCEPersistentDiskVolumeSource")
            .Message(4, "awsElasticBlockStore", "core.AWSElasticBlockStoreVolumeSource")
            .Message(5, "gitRepo", "core.GitRepoVolumeSource")
            .Message(6, "secret", "core.SecretVolumeSource")
            .Message(7, "nfs", "core.NFSVolumeSource")
            .Message(8, "iscsi", "core.ISCSIVolumeSource")
            .Message(9, "glusterfs", "core.GlusterfsVolumeSource")
            .Message(10, "persistentVolumeClaim", "core.PersistentVolumeClaimVolumeSource")
            .Message(11, "rbd", "core.RBDVolumeSource")
            .Message(12, "flexVolume", "core.FlexVolumeSource")
            .Message(13, "cinder", "core.CinderVolumeSource")
            .Message(14, "cephfs", "core.CephFSVolumeSource")
            .Message(15, "flocker", "core.FlockerVolumeSource")
            .Message(16, "downwardAPI", "core.DownwardAPIVolumeSource")
            .Message(17, "fc", "core.FCVolumeSource")
            .Message(18, "azureFile", "core.AzureFileVolumeSource")
            .Message(19, "configMap", "core.ConfigMapVolumeSource")
            .Message(20, "vsphereVolume", "core.VsphereVirtualDiskVolumeSource")
            .Message(21, "quobyte", "core.QuobyteVolumeSource")
            .Message(22, "azureDisk", "core.AzureDiskVolumeSource")
            .Message(23, "photonPersistentDisk", "core.PhotonPersistentDiskVolumeSource")
            .Message(26, "projected", "core.ProjectedVolumeSource")
            .Message(24, "portworxVolume", "core.PortworxVolumeSource")
            .Message(25, "scaleIO", "core.ScaleIOVolumeSource")
            .Message(27, "storageos", "core.StorageOSVolumeSource")
            .Message(28, "csi", "core.CSIVolumeSource")
            .Message(29, "ephemeral", "core.EphemeralVolumeSource")
            .Message(30, "image", "core.ImageVolumeSource");

        RegisterCommonSources(b);
        RegisterProjections(b);
        RegisterStorageBackends(b);
    }

    private static void RegisterCommonSources(SchemaBuilder b)
    {
        b.Message("core.HostPathVolumeSource")
            .String(1, "path")
            .String(2, "type", keepZero: true);
        b.Message("core.EmptyDirVolumeSource")
            .String(1, "medium")
            .Message(2, "sizeLimit", Quantity);
        b.Message("core.SecretVolumeSource")
            .String(1, "secretName")
            .Messages(2, "items", KeyToPath)
            .Int32(3, "defaultMode", keepZero: true)
            .Bool(4, "optional", keepZero: true);
        b.Message("core.ConfigMapVolumeSource")
            .Inline(1, LocalObjectReference)
            .Messages(2, "items", KeyToPath)
            .Int32(3, "defaultMode", keepZero: true)
            .Bool(4, "optional", keepZero: true);
        b.Message(KeyToPath)
            .String(1, "key")
            .String(2, "path")
            .Int32(3, "mode", keepZero: true);
        b.Message("core.PersistentVolumeClaimVolumeSource")
            .String(1, "claimName")
            .Bool(2, "readOnly");
        b.Message("core.DownwardAPIVolumeSource")
            .Messages(1, "items", DownwardAPIVolumeFile)
            .Int32(2, "defaultMode", keepZero: true);
        b.Message(DownwardAPIVolumeFile)
            .String(1, "path")
            .Message(2, "fieldRef", "core.ObjectFieldSelector")
            .Message(3, "resourceFieldRef", "core.ResourceFieldSelector")
            .Int32(4, "mode", keepZero: true);
        b.Message("core.NFSVolumeSource")
            .String(1, "server")
            .String(2, "path")
            .Bool(3, "readOnly");
        b.Message("core.CSIVolumeSource")
            .String(1, "driver")
            .Bool(2, "readOnly", keepZero: true)
            .String(3, "fsType", keepZero: true)
            .StringMap(4, "volumeAttributes")
            .Message(5, "nodePublishSecretRef", LocalObjectReference);
        b.Message("core.EphemeralVolumeSource")
            .Message(1, "volumeClaimTemplate", "core.PersistentVolumeClaimTemplate");
        b.Message("core.PersistentVolumeClaimTemplate")
            .Message(1, "metadata", ObjectMeta)
            .Message(2, "spec", PersistentVolumeClaimSpec);
        b.Message("core.ImageVolumeSource")
            .String(1, "reference")
            .String(2, "pullPolicy");
        b.Message("core.GitRepoVolumeSource")
            .String(1, "repository")
            .String(2, "revision")
            .String(3, "directory");
    }

    private static void RegisterProjections(SchemaBuilder b)
    {
        b.Message("core.ProjectedVolumeSource")
            .Messages(1, "sources", "core.VolumeProjection")
            .Int32(2, "defaultMode", keepZero: true);
        b.Message("core.VolumeProjection")
            .Message(1, "secret", "core.SecretProjection")
            .Message(2, "downwardAPI", "core.DownwardAPIProjection")
            .Message(3, "configMap", "core.ConfigMapProjection")
            .Message(4, "serviceAccountToken", "core.ServiceAccountTokenProjection")
            .Message(5, "clusterTrustBundle", "core.ClusterTrustBundleProjection")
            .Message(6, "podCertificate", "core.PodCertificateProjection");
        b.Message("core.SecretProjection")
            .Inline(1, LocalObjectReference)
            .Messages(2, "items", KeyToPath)
            .Bool(4, "optional", keepZero: true);
        b.Message("core.ConfigMapProjection")
            .Inline(1, LocalObjectReference)
            .Messages(2, "items", KeyToPath)
            .Bool(4, "optional", keepZero: true);
        b.Message("core.DownwardAPIProjection")
            .Messages(1, "items", DownwardAPIVolumeFile);
        b.Message("core.ServiceAccountTokenProjection")
            .String(1, "audience")
            .Int64(2, "expirationSeconds", keepZero: true)
            .String(3, "path");
        b.Message("core.ClusterTrustBundleProjection")
            .String(1, "name", keepZero: true)
            .String(2, "signerName", keepZero: true)
            .Message(3, "labelSelector", LabelSelector)
            .Bool(5, "optional", keepZero: true)
            .String(4, "path");
        b.Message("core.PodCertificateProjection")
            .String(1, "signerName")
            .String(2, "keyType")
            .Int32(3, "maxExpirationSeconds", keepZero: true)
            .String(4, "credentialBundlePath")
            .String(5, "keyPath")
            .String(6, "certificateChainPath")
            .StringMap(7, "userAnnotations");
    }

    private static void RegisterStorageBackends(SchemaBuilder b)
    {
        b.Message("core.GCEPersistentDiskVolumeSource")
            .String(1, "pdName")
            .String(2, "fsType")
            .Int32(3, "partition")
            .Bool(4, "readOnly");
        b.Message("core.AWSElasticBlockStoreVolumeSource")
            .String(1, "volumeID")
            .String(2, "fsType")
            .Int32(3, "partition")
            .Bool(4, "readOnly");
        b.Message("core.ISCSIVolumeSource")
            .String(1, "targetPortal")
            .String(2, "iqn")
            .Int32(3, "lun")
            .String(4, "iscsiInterface")
            .String(5, "fsType")
            .Bool(6, "readOnly")
            .Strings(7, "portals")
            .Bool(8, "chapAuthDiscovery")
            .Bool(11, "chapAuthSession")
            .Message(10, "secretRef", LocalObjectReference)
            .String(12, "initiatorName", keepZero: true);
        b.Message("core.GlusterfsVolumeSource")
            .String(1, "endpoints")
            .String(2, "path")
            .Bool(3, "readOnly");
        b.Message("core.RBDVolumeSource")
            .Strings(1, "monitors")
            .String(2, "image")
            .String(3, "fsType")
            .String(4, "pool")
            .String(5, "user")
            .String(6, "keyring")
            .Message(7, "secretRef", LocalObjectReference)
            .Bool(8, "readOnly");
        b.Message("core.FlexVolumeSource")
            .String(1, "driver")
            .String(2, "fsType")
            .Message(3, "secretRef", LocalObjectReference)
            .Bool(4, "readOnly")
            .StringMap(5, "options");
        b.Message("core.CinderVolumeSource")
            .String(1, "volumeID")
            .String(2, "fsType")
            .Bool(3, "readOnly")
            .Message(4, "secretRef", LocalObjectReference);
        b.Message("core.CephFSVolumeSource")
            .Strings(1, "monitors")
            .String(2, "path")
            .String(3, "user")
            .String(4, "secretFile")
            .Message(5, "secretRef", LocalObjectReference)
            .Bool(6, "readOnly");
        b.Message("core.FlockerVolumeSource")
            .String(1, "datasetName")
            .String(2, "datasetUUID");
        b.Message("core.FCVolumeSource")
            .Strings(1, "targetWWNs")
            .Int32(2, "lun", keepZero: true)
            .String(3, "fsType")
            .Bool(4, "readOnly")
            .Strings(5, "wwids");
        b.Message("core.AzureFileVolumeSource")
            .String(1, "secretName")
            .String(2, "shareName")
            .Bool(3, "readOnly");
        b.Message("core.VsphereVirtualDiskVolumeSource")
            .String(1, "volumePath")
            .String(2, "fsType")
            .String(3, "storagePolicyName")
            .String(4, "storagePolicyID");
        b.Message("core.QuobyteVolumeSource")
            .String(1, "registry")
            .String(2, "volume")
            .Bool(3, "readOnly")
            .String(4, "user")
            .String(5, "group")
            .String(6, "tenant");
        b.Message("core.AzureDiskVolumeSource")
            .String(1, "diskName")
            .String(2, "diskURI")
            .String(3, "cachingMode", keepZero: true)
            .String(4, "fsType", keepZero: true)
            .Bool(5, "readOnly", keepZero: true)
            .String(6, "kind", keepZero: true);
        b.Message("core.PhotonPersistentDiskVolumeSource")
            .String(1, "pdID")
            .String(2, "fsType");
        b.Message("core.PortworxVolumeSource")
            .String(1, "volumeID")
            .String(2, "fsType")
            .Bool(3, "readOnly");
        b.Message("core.ScaleIOVolumeSource")
            .String(1, "gateway")
            .String(2, "system")
            .Message(3, "secretRef", LocalObjectReference)
            .Bool(4, "sslEnabled")
            .String(5, "protectionDomain")
            .String(6, "storagePool")
            .String(7, "storageMode")
            .String(8, "volumeName")
            .String(9, "fsType")
            .Bool(10, "readOnly");
        b.Message("core.StorageOSVolumeSource")
            .String(1, "volumeName")
            .String(2, "volumeNamespace")
            .String(3, "fsType")
            .Bool(4, "readOnly")
            .Message(5, "secretRef", LocalObjectReference);
    }
}
