namespace Emulator.Domain.Security;

/// <summary>An authorizer's answer: allowed or not, and the reason RBAC gives (SubjectAccessReview status.reason).</summary>
public sealed record AuthorizationDecision(bool Allowed, string Reason)
{
    public static readonly AuthorizationDecision NoOpinion = new(false, "");
}
