using Emulator.Api.Hosting;
using Emulator.Domain.Errors;
using Emulator.Domain.Security;

namespace Emulator.Api.Security;

/// <summary>
/// The authorization chain of kube-apiserver with --authorization-mode: system:masters always, then RBAC (or, in
/// AlwaysAllow mode, everyone authenticated). A refusal is the real 403 Status.
/// </summary>
public sealed class RequestAuthorizer(EmulatorOptions options, RbacAuthorizer rbac)
{
    public bool AlwaysAllow { get; } = options.AuthorizationMode.Equals("AlwaysAllow", StringComparison.OrdinalIgnoreCase);

    public AuthorizationDecision Decide(RequestAttributes request) =>
        AlwaysAllow ? new AuthorizationDecision(true, "") : rbac.Authorize(request);

    public void Require(RequestAttributes request)
    {
        var decision = Decide(request);
        if (!decision.Allowed) throw ForbiddenMessage.Exception(request, decision.Reason);
    }

    public static void Validate(EmulatorOptions options)
    {
        if (options.AuthorizationMode is not ("RBAC" or "AlwaysAllow"))
            throw new StartupException($"--authorization-mode: unknown mode \"{options.AuthorizationMode}\" (RBAC or AlwaysAllow)");
    }
}
