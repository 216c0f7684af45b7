using System.Security.Cryptography;
using System.Text;

namespace Emulator.Api.Hosting;

/// <summary>The admin bearer token (DIR/token) and the kubeconfig that carries it (DIR/kubeconfig).</summary>
public sealed class Credentials
{
    public required string Token { get; init; }

    public static Credentials LoadOrCreate(string dataDir)
    {
        var path = Path.Combine(dataDir, "token");
        if (!File.Exists(path) || File.ReadAllText(path).Trim().Length == 0)
            Pki.WriteSecret(path, Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant() + "\n");
        return new Credentials { Token = File.ReadAllText(path).Trim() };
    }

    public static void WriteKubeconfig(string dataDir, string server, string caPem, string token)
    {
        var ca = Convert.ToBase64String(Encoding.UTF8.GetBytes(caPem));
        var yaml = $"""
            apiVersion: v1
            kind: Config
            clusters:
            - cluster:
                certificate-authority-data: {ca}
                server: {server}
              name: emulator
            contexts:
            - context:
                cluster: emulator
                namespace: default
                user: admin
              name: emulator
            current-context: emulator
            preferences: {"{}"}
            users:
            - name: admin
              user:
                token: {token}

            """;
        Pki.WriteSecret(Path.Combine(dataDir, "kubeconfig"), yaml);
    }
}
