using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Emulator.E2E.Tests.Harness;

namespace Emulator.E2E.Tests.Security;

/// <summary>
/// One emulator started with a --token-auth-file naming two users: jane (group "viewers") and bob (no groups), plus
/// helpers to run the real kubectl as them: by bearer token, or through a kubeconfig carrying a client certificate
/// signed by the emulator's CA (DIR/ca.key), the way a cluster admin mints one with openssl.
/// </summary>
public sealed class SecurityFixture : IAsyncLifetime
{
    public const string JaneToken = "jane-token-0123456789";
    public const string BobToken = "bob-token-0123456789";

    private readonly string tokenDir = TempDirs.Create("emulator-e2e-tokens");
    private EmulatorProcess? emulator;

    public EmulatorProcess Emulator => emulator ?? throw new InvalidOperationException("The security emulator has not started.");

    public Kubectl Kubectl => Emulator.Kubectl;

    /// <summary>kubectl as a token user: the admin kubeconfig's cluster, with --token overriding its credentials.</summary>
    public Task<CommandResult> AsToken(string token, params string[] arguments) => Kubectl.RunAsync(["--token", token, .. arguments]);

    /// <summary>kubectl through a kubeconfig of its own (a later --kubeconfig wins over the harness's).</summary>
    public Task<CommandResult> WithKubeconfig(string kubeconfig, params string[] arguments) => Kubectl.RunAsync(["--kubeconfig", kubeconfig, .. arguments]);

    public async Task<string> CreateNamespaceAsync(string purpose)
    {
        var name = Names.Namespace(purpose);
        await Emulator.Api.CreateNamespaceAsync(name);
        return name;
    }

    /// <summary>Writes a kubeconfig whose user authenticates with a client certificate CN=<paramref name="user"/>, O=each group.</summary>
    public string ClientCertificateKubeconfig(string user, params string[] groups)
    {
        var caPem = File.ReadAllText(Emulator.CaPath);
        using var ca = X509Certificate2.CreateFromPemFile(Emulator.CaPath, Path.Combine(Emulator.DataDir, "ca.key"));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var subject = new X500DistinguishedNameBuilder();
        foreach (var group in groups)
        {
            subject.AddOrganizationName(group);
        }

        subject.AddCommonName(user);
        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var cert = request.Create(ca, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1), RandomNumberGenerator.GetBytes(16));
        var path = Path.Combine(tokenDir, $"kubeconfig-{user}");
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - cluster:
                certificate-authority-data: {B64(caPem)}
                server: {Emulator.ApiUri.ToString().TrimEnd('/')}
              name: emulator
            contexts:
            - context:
                cluster: emulator
                namespace: default
                user: {user}
              name: {user}
            current-context: {user}
            users:
            - name: {user}
              user:
                client-certificate-data: {B64(cert.ExportCertificatePem())}
                client-key-data: {B64(key.ExportPkcs8PrivateKeyPem())}
            """);
        return path;
    }

    /// <summary>
    /// A kubeconfig whose user holds <paramref name="token"/> and impersonates <paramref name="asUser"/> with the given
    /// extras (kubeconfig's as-user-extra, which kubectl sends as Impersonate-Extra-KEY headers; it has no flag for them).
    /// </summary>
    public string ImpersonatingKubeconfig(string name, string token, string asUser, IReadOnlyDictionary<string, string[]> extra)
    {
        var extras = string.Concat(extra.Select(e => $"\n      {e.Key}: [{string.Join(", ", e.Value)}]"));
        var path = Path.Combine(tokenDir, $"kubeconfig-{name}");
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - cluster:
                certificate-authority-data: {B64(File.ReadAllText(Emulator.CaPath))}
                server: {Emulator.ApiUri.ToString().TrimEnd('/')}
              name: emulator
            contexts:
            - context:
                cluster: emulator
                namespace: default
                user: {name}
              name: {name}
            current-context: {name}
            users:
            - name: {name}
              user:
                token: {token}
                as: {asUser}
                as-user-extra:{extras}
            """);
        return path;
    }

    /// <summary>A kubeconfig with the cluster only: kubectl sends no credentials at all.</summary>
    public string AnonymousKubeconfig()
    {
        var path = Path.Combine(tokenDir, "kubeconfig-anonymous");
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - cluster:
                certificate-authority-data: {B64(File.ReadAllText(Emulator.CaPath))}
                server: {Emulator.ApiUri.ToString().TrimEnd('/')}
              name: emulator
            contexts:
            - context:
                cluster: emulator
                user: nobody
              name: nobody
            current-context: nobody
            users:
            - name: nobody
              user: {"{}"}
            """);
        return path;
    }

    public async Task InitializeAsync()
    {
        var tokens = Path.Combine(tokenDir, "tokens.csv");
        await File.WriteAllTextAsync(tokens, $"{JaneToken},jane,u-jane,\"viewers\"\n{BobToken},bob,u-bob\n");
        emulator = await EmulatorProcess.StartAsync(new Harness.EmulatorOptions { Nodes = 1, ExtraArguments = ["--token-auth-file", tokens] });
    }

    public async Task DisposeAsync()
    {
        if (emulator is not null)
        {
            await emulator.DisposeAsync();
        }

        TempDirs.TryDelete(tokenDir);
    }

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}

[CollectionDefinition(Name)]
public sealed class SecurityCollection : ICollectionFixture<SecurityFixture>
{
    public const string Name = "Security emulator";
}
