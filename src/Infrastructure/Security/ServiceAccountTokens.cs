using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Emulator.Infrastructure.Security;

/// <summary>
/// Service account JWTs as kube-apiserver issues them for TokenRequest (pkg/serviceaccount/claims.go): ES256-signed
/// with a key kept in the data dir (DIR/sa.key, like --service-account-signing-key-file), issuer and default audience
/// https://kubernetes.default.svc.CLUSTER-DOMAIN, and a "kubernetes.io" claim naming the namespace and the account.
/// </summary>
public sealed class ServiceAccountTokens
{
    private readonly ECDsa _key;
    private readonly string _keyId;

    public ServiceAccountTokens(ClusterOptions options)
    {
        Issuer = $"https://kubernetes.default.svc.{options.ClusterDomain}";
        var path = Path.Combine(options.DataDir, "sa.key");
        _key = ECDsa.Create();
        if (File.Exists(path)) _key.ImportFromPem(File.ReadAllText(path));
        else
        {
            _key.GenerateKey(ECCurve.NamedCurves.nistP256);
            Directory.CreateDirectory(options.DataDir);
            File.WriteAllText(path, _key.ExportPkcs8PrivateKeyPem());
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        _keyId = Base64Url(SHA256.HashData(_key.ExportSubjectPublicKeyInfo()));
    }

    public string Issuer { get; }

    public string Issue(string ns, string name, string uid, IReadOnlyList<string> audiences, DateTimeOffset now, DateTimeOffset expires)
    {
        var header = new JsonObject { ["alg"] = "ES256", ["kid"] = _keyId };
        var payload = new JsonObject
        {
            ["aud"] = new JsonArray([.. audiences.Select(a => (JsonNode)JsonValue.Create(a)!)]),
            ["exp"] = expires.ToUnixTimeSeconds(),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["iss"] = Issuer,
            ["jti"] = Guid.NewGuid().ToString(),
            ["kubernetes.io"] = new JsonObject
            {
                ["namespace"] = ns,
                ["serviceaccount"] = new JsonObject { ["name"] = name, ["uid"] = uid },
            },
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["sub"] = Domain.Security.UserInfo.ServiceAccountName(ns, name),
        };
        var signingInput = $"{Base64Url(Encoding.UTF8.GetBytes(header.ToJsonString()))}.{Base64Url(Encoding.UTF8.GetBytes(payload.ToJsonString()))}";
        var signature = _key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return $"{signingInput}.{Base64Url(signature)}";
    }

    /// <summary>The service account a token names, if it is ours, unexpired and meant for this API server.</summary>
    public (string Namespace, string Name, string Uid, string Jti)? Validate(string token, DateTimeOffset now)
    {
        var parts = token.Split('.');
        if (parts.Length != 3) return null;
        try
        {
            var signature = FromBase64Url(parts[2]);
            if (!_key.VerifyData(Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), signature, HashAlgorithmName.SHA256,
                    DSASignatureFormat.IeeeP1363FixedFieldConcatenation)) return null;
            if (JsonNode.Parse(FromBase64Url(parts[1])) is not JsonObject claims) return null;
            if ((string?)claims["iss"] != Issuer) return null;
            var seconds = now.ToUnixTimeSeconds();
            if (claims["exp"] is JsonValue exp && exp.GetValue<long>() < seconds) return null;
            if (claims["nbf"] is JsonValue nbf && nbf.GetValue<long>() > seconds + 60) return null;
            var audiences = claims["aud"] switch
            {
                JsonArray a => a.Select(n => (string?)n).ToList(),
                JsonValue v => [(string?)v],
                _ => [],
            };
            if (!audiences.Contains(Issuer)) return null;
            var k8s = claims["kubernetes.io"];
            var ns = (string?)k8s?["namespace"];
            var name = (string?)k8s?["serviceaccount"]?["name"];
            var uid = (string?)k8s?["serviceaccount"]?["uid"];
            return ns is null || name is null ? null : (ns, name, uid ?? "", (string?)claims["jti"] ?? "");
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or InvalidOperationException or CryptographicException)
        {
            return null;
        }
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s + new string('=', (4 - s.Length % 4) % 4));
    }
}
