using System.Security.Cryptography;
using System.Text;
using Emulator.Api.Hosting;
using Emulator.Domain.Resources;
using Emulator.Domain.Security;
using Emulator.Infrastructure.Registry;
using Emulator.Infrastructure.Security;

namespace Emulator.Api.Security;

/// <summary>
/// The union authenticator of the HTTPS port, in kube-apiserver's order: client certificate, then bearer token (the
/// admin token of DIR/token, the --token-auth-file users, then service account JWTs whose account still exists with the
/// same uid). The admin is "admin" in system:masters, as a kubeadm cluster's admin.conf user is.
/// </summary>
public sealed class Authenticator(Credentials credentials, TokenFile tokenFile, ClientCertificates certificates,
    ServiceAccountTokens serviceAccountTokens, GenericRegistry registry, TimeProvider time)
{
    public static readonly UserInfo Admin = UserInfo.Authenticated("admin", null, [UserInfo.SystemMasters]);

    public UserInfo? Authenticate(HttpContext context)
    {
        if (certificates.Authenticate(context.Connection.ClientCertificate) is { } certUser) return certUser;
        string? authorization = context.Request.Headers.Authorization;
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return null;
        return AuthenticateToken(authorization[7..].Trim());
    }

    /// <summary>The bearer token authenticators alone, as TokenReview asks them.</summary>
    public UserInfo? AuthenticateToken(string token)
    {
        if (token.Length == 0) return null;
        if (CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(credentials.Token))) return Admin;
        if (tokenFile.Find(token) is { } fileUser) return fileUser;
        if (serviceAccountTokens.Validate(token, time.GetUtcNow()) is { } sa)
        {
            var def = registry.Catalog.Get("", "ServiceAccount");
            var account = registry.Get(def, sa.Namespace, sa.Name);
            if (account is null || account.Object.Meta()["deletionTimestamp"] is not null) return null;
            if (sa.Uid.Length > 0 && account.Object.Meta().Str("uid") != sa.Uid) return null;
            var user = UserInfo.ForServiceAccount(sa.Namespace, sa.Name, sa.Uid);
            // pkg/serviceaccount claims.go: a token's jti is the credential id its user carries (ServiceAccountTokenJTI, GA in 1.32).
            return sa.Jti.Length == 0 ? user : user with
            {
                Extra = new Dictionary<string, IReadOnlyList<string>> { ["authentication.kubernetes.io/credential-id"] = [$"JTI={sa.Jti}"] },
            };
        }
        return null;
    }
}
