namespace Emulator.Domain.Resources.Authorization.SubjectAccessReviews;

/// <summary>
/// SubjectAccessReview (authorization.k8s.io/v1): a create-only review that is answered, never stored (src/Api/Security serves the POST).
/// </summary>
public sealed class SubjectAccessReviewResource : ResourceDefinition
{
    public override ResourceKind Kind { get; } = new("authorization.k8s.io", "v1", "SubjectAccessReview", "subjectaccessreviews", "subjectaccessreview", Namespaced: false,
        ShortNames: [], Categories: [], Subresources: []) { Verbs = ["create"] };
}
