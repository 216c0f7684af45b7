using System.Collections.Frozen;

namespace Emulator.Domain.Protobuf;

/// <summary>The top-level kinds a protobuf request body may carry, and the schema message for each.</summary>
internal static class KubeKinds
{
    private static readonly FrozenDictionary<(string ApiVersion, string Kind), string> Kinds =
        new Dictionary<(string ApiVersion, string Kind), string>
        {
            [("v1", "Namespace")] = "core.Namespace",
            [("v1", "ConfigMap")] = "core.ConfigMap",
            [("v1", "Secret")] = "core.Secret",
            [("v1", "Service")] = "core.Service",
            [("v1", "Endpoints")] = "core.Endpoints",
            [("v1", "Pod")] = "core.Pod",
            [("v1", "PodTemplate")] = "core.PodTemplate",
            [("v1", "Node")] = "core.Node",
            [("v1", "Event")] = "core.Event",
            [("v1", "ServiceAccount")] = "core.ServiceAccount",
            [("v1", "PersistentVolumeClaim")] = "core.PersistentVolumeClaim",
            [("apps/v1", "Deployment")] = "apps.Deployment",
            [("apps/v1", "ReplicaSet")] = "apps.ReplicaSet",
            [("apps/v1", "StatefulSet")] = "apps.StatefulSet",
            [("apps/v1", "DaemonSet")] = "apps.DaemonSet",
            [("apps/v1", "ControllerRevision")] = "apps.ControllerRevision",
            [("batch/v1", "Job")] = "batch.Job",
            [("batch/v1", "CronJob")] = "batch.CronJob",
            [("discovery.k8s.io/v1", "EndpointSlice")] = "discovery.EndpointSlice",
            [("events.k8s.io/v1", "Event")] = "events.Event",
            [("coordination.k8s.io/v1", "Lease")] = "coordination.Lease",
            [("autoscaling/v1", "Scale")] = "autoscaling.Scale",
            [("policy/v1", "Eviction")] = "policy.Eviction",
            [("policy/v1", "PodDisruptionBudget")] = "policy.PodDisruptionBudget",
            [("rbac.authorization.k8s.io/v1", "Role")] = "rbac.Role",
            [("rbac.authorization.k8s.io/v1", "ClusterRole")] = "rbac.ClusterRole",
            [("rbac.authorization.k8s.io/v1", "RoleBinding")] = "rbac.RoleBinding",
            [("rbac.authorization.k8s.io/v1", "ClusterRoleBinding")] = "rbac.ClusterRoleBinding",
            [("authorization.k8s.io/v1", "SelfSubjectAccessReview")] = "authorization.SelfSubjectAccessReview",
            [("authorization.k8s.io/v1", "SelfSubjectRulesReview")] = "authorization.SelfSubjectRulesReview",
            [("authorization.k8s.io/v1", "SubjectAccessReview")] = "authorization.SubjectAccessReview",
            [("authorization.k8s.io/v1", "LocalSubjectAccessReview")] = "authorization.LocalSubjectAccessReview",
            [("authentication.k8s.io/v1", "TokenReview")] = "authentication.TokenReview",
            [("authentication.k8s.io/v1", "TokenRequest")] = "authentication.TokenRequest",
            [("authentication.k8s.io/v1", "SelfSubjectReview")] = "authentication.SelfSubjectReview",
        }.ToFrozenDictionary();

    public static string? Find(string apiVersion, string kind)
    {
        // client-go encodes DeleteOptions in the group version of the resource being deleted (helm's release
        // Secret: "v1"; a Deployment: "apps/v1"), and metav1.AddToGroupVersion registers it in every group, so
        // any well-formed group version is accepted, "meta.k8s.io/v1" included.
        if (kind == "DeleteOptions")
            return IsGroupVersion(apiVersion) ? MetaV1Schema.DeleteOptions : null;
        return Kinds.GetValueOrDefault((apiVersion, kind));
    }

    private static bool IsGroupVersion(string apiVersion)
    {
        var parts = apiVersion.Split('/');
        return parts.Length is 1 or 2
            && parts.All(p => p.Length > 0 && p.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-'));
    }
}
