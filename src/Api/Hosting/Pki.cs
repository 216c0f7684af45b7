using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Emulator.Api.Hosting;

/// <summary>
/// A cluster CA and an API serving certificate, generated on first start and kept in the data dir (as kubeadm keeps
/// /etc/kubernetes/pki), so kubeconfigs written earlier stay valid across restarts. ECDSA P-256 keeps start-up fast.
/// </summary>
public sealed class Pki
{
    public required X509Certificate2 Ca { get; init; }
    public required X509Certificate2 Serving { get; init; }
    public required string CaPem { get; init; }

    public static Pki LoadOrCreate(string dataDir, IEnumerable<IPAddress> extraIps)
    {
        var caCrt = Path.Combine(dataDir, "ca.crt");
        var caKey = Path.Combine(dataDir, "ca.key");
        var crt = Path.Combine(dataDir, "apiserver.crt");
        var key = Path.Combine(dataDir, "apiserver.key");
        var ips = new HashSet<IPAddress>(extraIps) { IPAddress.Loopback, IPAddress.IPv6Loopback };
        if (!File.Exists(caCrt) || !File.Exists(caKey))
        {
            using var caKeyPair = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=kubernetes-emulator-ca", caKeyPair, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
            request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
            using var ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddYears(10));
            WriteSecret(caKey, caKeyPair.ExportPkcs8PrivateKeyPem());
            File.WriteAllText(caCrt, ca.ExportCertificatePem());
            File.Delete(crt);
        }
        var caCert = X509Certificate2.CreateFromPemFile(caCrt, caKey);
        if (!File.Exists(crt) || !File.Exists(key) || !CoversAll(crt, ips)) IssueServing(caCert, crt, key, ips);
        var serving = X509Certificate2.CreateFromPemFile(crt, key);
        // Kestrel on Linux needs a certificate whose key is usable by SslStream; a PKCS#12 round-trip makes it so.
        serving = X509CertificateLoader.LoadPkcs12(serving.Export(X509ContentType.Pkcs12), null);
        return new Pki { Ca = caCert, Serving = serving, CaPem = File.ReadAllText(caCrt) };
    }

    private static bool CoversAll(string crtPath, IEnumerable<IPAddress> ips)
    {
        using var cert = X509CertificateLoader.LoadCertificateFromFile(crtPath);
        if (cert.NotAfter < DateTime.UtcNow.AddDays(1)) return false;
        var san = cert.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault();
        if (san is null) return false;
        var have = san.EnumerateIPAddresses().ToHashSet();
        return ips.All(have.Contains);
    }

    private static void IssueServing(X509Certificate2 ca, string crtPath, string keyPath, IEnumerable<IPAddress> ips)
    {
        using var keyPair = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=kube-apiserver", keyPair, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var dns in new[] { "localhost", "kubernetes", "kubernetes.default", "kubernetes.default.svc", "kubernetes.default.svc.cluster.local" })
            san.AddDnsName(dns);
        foreach (var ip in ips) san.AddIpAddress(ip);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        using var cert = request.Create(ca, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddYears(5), serial);
        WriteSecret(keyPath, keyPair.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(crtPath, cert.ExportCertificatePem());
    }

    internal static void WriteSecret(string path, string content)
    {
        File.WriteAllText(path, content);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
