using static Emulator.Domain.Protobuf.MetaV1Schema;

namespace Emulator.Domain.Protobuf;

/// <summary>
/// rbac.authorization.k8s.io/v1, authorization.k8s.io/v1 and authentication.k8s.io/v1 messages kubectl's typed
/// clients send (create role/rolebinding, auth can-i, auth whoami, create token); field numbers from kubernetes/api
/// rbac/v1, authorization/v1 and authentication/v1 generated.proto.
/// </summary>
internal static class SecurityV1Schema
{
    public static void Register(SchemaBuilder b)
    {
        b.Message("rbac.PolicyRule")
            .Strings(1, "verbs").Strings(2, "apiGroups").Strings(3, "resources").Strings(4, "resourceNames").Strings(5, "nonResourceURLs");
        b.Message("rbac.Role").Message(1, "metadata", ObjectMeta).Messages(2, "rules", "rbac.PolicyRule");
        b.Message("rbac.ClusterRole").Message(1, "metadata", ObjectMeta).Messages(2, "rules", "rbac.PolicyRule")
            .Message(3, "aggregationRule", "rbac.AggregationRule");
        b.Message("rbac.AggregationRule").Messages(1, "clusterRoleSelectors", LabelSelector);
        b.Message("rbac.Subject").String(1, "kind", keepZero: true).String(2, "apiGroup").String(3, "name", keepZero: true).String(4, "namespace");
        b.Message("rbac.RoleRef").String(1, "apiGroup", keepZero: true).String(2, "kind", keepZero: true).String(3, "name", keepZero: true);
        b.Message("rbac.RoleBinding").Message(1, "metadata", ObjectMeta).Messages(2, "subjects", "rbac.Subject").Message(3, "roleRef", "rbac.RoleRef");
        b.Message("rbac.ClusterRoleBinding").Message(1, "metadata", ObjectMeta).Messages(2, "subjects", "rbac.Subject").Message(3, "roleRef", "rbac.RoleRef");

        b.Message("authorization.SelfSubjectAccessReview").Message(1, "metadata", ObjectMeta)
            .Message(2, "spec", "authorization.SelfSubjectAccessReviewSpec").Message(3, "status", "authorization.SubjectAccessReviewStatus");
        b.Message("authorization.SelfSubjectAccessReviewSpec")
            .Message(1, "resourceAttributes", "authorization.ResourceAttributes").Message(2, "nonResourceAttributes", "authorization.NonResourceAttributes");
        b.Message("authorization.ResourceAttributes")
            .String(1, "namespace").String(2, "verb").String(3, "group").String(4, "version").String(5, "resource").String(6, "subresource").String(7, "name");
        b.Message("authorization.NonResourceAttributes").String(1, "path").String(2, "verb");
        b.Message("authorization.SubjectAccessReviewStatus").Bool(1, "allowed", keepZero: true).String(2, "reason").String(3, "evaluationError").Bool(4, "denied");
        // spec.extra (map<string, ExtraValue>) is not carried in protobuf bodies; JSON bodies carry it.
        b.Message("authorization.SubjectAccessReview").Message(1, "metadata", ObjectMeta)
            .Message(2, "spec", "authorization.SubjectAccessReviewSpec").Message(3, "status", "authorization.SubjectAccessReviewStatus");
        b.Message("authorization.LocalSubjectAccessReview").Message(1, "metadata", ObjectMeta)
            .Message(2, "spec", "authorization.SubjectAccessReviewSpec").Message(3, "status", "authorization.SubjectAccessReviewStatus");
        b.Message("authorization.SubjectAccessReviewSpec")
            .Message(1, "resourceAttributes", "authorization.ResourceAttributes").Message(2, "nonResourceAttributes", "authorization.NonResourceAttributes")
            .String(3, "user").Strings(4, "groups").String(6, "uid");
        b.Message("authorization.SelfSubjectRulesReview").Message(1, "metadata", ObjectMeta)
            .Message(2, "spec", "authorization.SelfSubjectRulesReviewSpec");
        b.Message("authorization.SelfSubjectRulesReviewSpec").String(1, "namespace");

        b.Message("authentication.TokenRequest").Message(1, "metadata", ObjectMeta).Message(2, "spec", "authentication.TokenRequestSpec");
        b.Message("authentication.TokenRequestSpec")
            .Strings(1, "audiences").Message(3, "boundObjectRef", "authentication.BoundObjectReference").Int64(4, "expirationSeconds");
        b.Message("authentication.BoundObjectReference").String(1, "kind").String(2, "apiVersion").String(3, "name").String(4, "uid");
        b.Message("authentication.TokenReview").Message(1, "metadata", ObjectMeta).Message(2, "spec", "authentication.TokenReviewSpec");
        b.Message("authentication.TokenReviewSpec").String(1, "token").Strings(2, "audiences");
        b.Message("authentication.SelfSubjectReview").Message(1, "metadata", ObjectMeta);
    }
}
