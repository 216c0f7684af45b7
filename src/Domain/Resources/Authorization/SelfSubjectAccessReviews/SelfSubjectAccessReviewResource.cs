namespace Emulator.Domain.Resources.Authorization.SelfSubjectAccessReviews;

/// <summary>
/// SelfSubjectAccessReview (authorization.k8s.io/v1): a create-only review that is answered, never stored (src/Api/Security serves the POST).
/// </summary>
public sealed class SelfSubjectAccessReviewResource : ResourceDefinition
{
    public override ResourceKind Kind { get; } = new("authorization.k8s.io", "v1", "SelfSubjectAccessReview", "selfsubjectaccessreviews", "selfsubjectaccessreview", Namespaced: false,
        ShortNames: [], Categories: [], Subresources: []) { Verbs = ["create"] };
}
