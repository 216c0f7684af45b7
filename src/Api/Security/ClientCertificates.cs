using System.Runtime.CompilerServices;
using System.Security.Cryptography.X509Certificates;
using Emulator.Api.Hosting;
using Emulator.Domain.Security;

namespace Emulator.Api.Security;

/// <summary>
/// The x509 authenticator: a client certificate chaining to the emulator's CA, valid now and meant for client auth,
/// names the user in its CN and the groups in its O attributes, as kube-apiserver's --client-ca-file does. The CA is
/// the one <see cref="Pki"/> holds in memory; the chain is built once per certificate object, which Kestrel keeps for
/// the whole TLS connection, so a kubectl session pays for it once rather than on every request.
/// </summary>
public sealed class ClientCertificates(IServiceProvider services, EmulatorOptions options, TimeProvider time)
{
    private readonly ConditionalWeakTable<X509Certificate2, Verified> _verified = new();

    private readonly Lazy<X509Certificate2?> _ca = new(() =>
    {
        if (services.GetService<Pki>() is { } pki) return pki.Ca;
        // Only hosts that do not listen themselves lack the Pki; they have no TLS connections either.
        var path = Path.Combine(options.DataDir, "ca.crt");
        return File.Exists(path) ? X509Certificate2.CreateFromPem(File.ReadAllText(path)) : null;
    });

    public UserInfo? Authenticate(X509Certificate2? certificate)
    {
        if (certificate is null || _ca.Value is not { } ca) return null;
        var verified = _verified.GetValue(certificate, c => Verify(c, ca));
        // The chain was built at the first request; validity is still checked on every one.
        var now = time.GetUtcNow().UtcDateTime;
        return now >= verified.NotBefore && now <= verified.NotAfter ? verified.User : null;
    }

    private static Verified Verify(X509Certificate2 certificate, X509Certificate2 ca)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.2"));
        var notBefore = certificate.NotBefore.ToUniversalTime();
        var notAfter = certificate.NotAfter.ToUniversalTime();
        if (!chain.Build(certificate)) return new Verified(null, notBefore, notAfter);
        var cn = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        if (string.IsNullOrEmpty(cn)) return new Verified(null, notBefore, notAfter);
        return new Verified(UserInfo.Authenticated(cn, null, Organizations(certificate.SubjectName)), notBefore, notAfter);
    }

    /// <summary>Every O= attribute of the subject, in order (a certificate may carry several groups).</summary>
    internal static IEnumerable<string> Organizations(X500DistinguishedName subject) =>
        subject.EnumerateRelativeDistinguishedNames()
            .Where(rdn => rdn.GetSingleElementType().Value == "2.5.4.10")
            .Select(rdn => rdn.GetSingleElementValue() ?? "")
            .Where(o => o.Length > 0);

    private sealed record Verified(UserInfo? User, DateTime NotBefore, DateTime NotAfter);
}
