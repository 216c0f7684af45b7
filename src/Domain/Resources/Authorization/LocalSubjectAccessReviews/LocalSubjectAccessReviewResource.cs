namespace Emulator.Domain.Resources.Authorization.LocalSubjectAccessReviews;

/// <summary>
/// LocalSubjectAccessReview (authorization.k8s.io/v1): a namespaced create-only review that is answered, never stored
/// (src/Api/Security serves the POST).
/// </summary>
public sealed class LocalSubjectAccessReviewResource : ResourceDefinition
{
    public override ResourceKind Kind { get; } = new("authorization.k8s.io", "v1", "LocalSubjectAccessReview", "localsubjectaccessreviews", "localsubjectaccessreview", Namespaced: true,
        ShortNames: [], Categories: [], Subresources: []) { Verbs = ["create"] };
}
