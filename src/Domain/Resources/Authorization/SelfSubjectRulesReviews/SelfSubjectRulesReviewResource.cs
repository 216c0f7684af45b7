namespace Emulator.Domain.Resources.Authorization.SelfSubjectRulesReviews;

/// <summary>
/// SelfSubjectRulesReview (authorization.k8s.io/v1): a create-only review that is answered, never stored (src/Api/Security serves the POST).
/// </summary>
public sealed class SelfSubjectRulesReviewResource : ResourceDefinition
{
    public override ResourceKind Kind { get; } = new("authorization.k8s.io", "v1", "SelfSubjectRulesReview", "selfsubjectrulesreviews", "selfsubjectrulesreview", Namespaced: false,
        ShortNames: [], Categories: [], Subresources: []) { Verbs = ["create"] };
}
