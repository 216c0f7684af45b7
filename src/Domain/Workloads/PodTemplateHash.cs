using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Emulator.Domain.Workloads;

/// <summary>
/// The pod-template-hash of pkg/controller/controller_utils.go ComputeHash: FNV-32a over the template (plus the
/// collision count as 4 little-endian bytes), printed in decimal, then every digit byte mapped through
/// rand.SafeEncodeString's alphabet. The real hasher walks the Go struct with spew; we hash the canonical JSON (keys
/// sorted), so values differ from a real cluster but have the same shape, alphabet and stability.
/// </summary>
public static class PodTemplateHash
{
    public const string Label = "pod-template-hash";

    // k8s.io/apimachinery/pkg/util/rand: no vowels, no 0/1/3, so a hash never spells a word.
    private const string Alphanums = "bcdfghjklmnpqrstvwxz2456789";
    private const uint OffsetBasis = 2166136261;
    private const uint Prime = 16777619;

    public static string Compute(JsonNode? template, long? collisionCount)
    {
        var hash = OffsetBasis;
        foreach (var b in Encoding.UTF8.GetBytes(CanonicalJson.Write(template))) hash = (hash ^ b) * Prime;
        if (collisionCount is { } count)
        {
            Span<byte> bytes = stackalloc byte[4];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(bytes, unchecked((uint)count));
            foreach (var b in bytes) hash = (hash ^ b) * Prime;
        }
        return SafeEncode(hash.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>rand.SafeEncodeString: each byte of <paramref name="s"/> picks alphanums[b % 27].</summary>
    public static string SafeEncode(string s)
    {
        var result = new StringBuilder(s.Length);
        foreach (var b in Encoding.UTF8.GetBytes(s)) result.Append(Alphanums[b % Alphanums.Length]);
        return result.ToString();
    }

    /// <summary>
    /// EqualIgnoreHash (deployment/util): two templates are the same when they differ at most in the pod-template-hash label.
    /// </summary>
    public static bool EqualIgnoringHash(JsonNode? a, JsonNode? b) => JsonNode.DeepEquals(WithoutHash(a), WithoutHash(b));

    private static JsonNode? WithoutHash(JsonNode? template)
    {
        if (template?.DeepClone() is not JsonObject copy) return template;
        if (copy["metadata"]?["labels"] is JsonObject labels)
        {
            labels.Remove(Label);
            if (labels.Count == 0) ((JsonObject)copy["metadata"]!).Remove("labels");
        }
        return copy;
    }
}
