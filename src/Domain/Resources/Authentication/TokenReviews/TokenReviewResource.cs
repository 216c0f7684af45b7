namespace Emulator.Domain.Resources.Authentication.TokenReviews;

/// <summary>
/// TokenReview (authentication.k8s.io/v1): a create-only review that is answered, never stored (src/Api/Security serves the POST).
/// </summary>
public sealed class TokenReviewResource : ResourceDefinition
{
    public override ResourceKind Kind { get; } = new("authentication.k8s.io", "v1", "TokenReview", "tokenreviews", "tokenreview", Namespaced: false,
        ShortNames: [], Categories: [], Subresources: []) { Verbs = ["create"] };
}
