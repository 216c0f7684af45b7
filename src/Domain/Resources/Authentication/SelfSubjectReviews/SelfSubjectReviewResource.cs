namespace Emulator.Domain.Resources.Authentication.SelfSubjectReviews;

/// <summary>
/// SelfSubjectReview (authentication.k8s.io/v1): a create-only review that is answered, never stored (src/Api/Security serves the POST).
/// </summary>
public sealed class SelfSubjectReviewResource : ResourceDefinition
{
    public override ResourceKind Kind { get; } = new("authentication.k8s.io", "v1", "SelfSubjectReview", "selfsubjectreviews", "selfsubjectreview", Namespaced: false,
        ShortNames: [], Categories: [], Subresources: []) { Verbs = ["create"] };
}
