using System.Security.Cryptography.X509Certificates;
using Emulator.Api.Hosting;
using Emulator.Domain.Security;

namespace Emulator.Api.Security;

/// <summary>
/// The x509 authenticator: a client certificate chaining to the emulator's CA (DIR/ca.crt), valid now and meant for
/// client auth, names the user in its CN and the groups in its O attributes, as kube-apiserver's --client-ca-file does.
/// </summary>
public sealed class ClientCertificates(EmulatorOptions options)
{
    private readonly Lazy<X509Certificate2?> _ca = new(() =>
    {
        var path = Path.Combine(options.DataDir, "ca.crt");
        return File.Exists(path) ? X509Certificate2.CreateFromPem(File.ReadAllText(path)) : null;
    });

    public UserInfo? Authenticate(X509Certificate2? certificate)
    {
        if (certificate is null || _ca.Value is not { } ca) return null;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.2"));
        if (!chain.Build(certificate)) return null;
        var cn = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        if (string.IsNullOrEmpty(cn)) return null;
        return UserInfo.Authenticated(cn, null, Organizations(certificate.SubjectName));
    }

    /// <summary>Every O= attribute of the subject, in order (a certificate may carry several groups).</summary>
    internal static IEnumerable<string> Organizations(X500DistinguishedName subject) =>
        subject.EnumerateRelativeDistinguishedNames()
            .Where(rdn => rdn.GetSingleElementType().Value == "2.5.4.10")
            .Select(rdn => rdn.GetSingleElementValue() ?? "")
            .Where(o => o.Length > 0);
}
