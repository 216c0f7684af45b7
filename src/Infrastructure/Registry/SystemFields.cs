using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Emulator.Domain.Resources;

namespace Emulator.Infrastructure.Registry;

/// <summary>Fields only the server sets: uid, creationTimestamp, generated names (apiserver rest.FillObjectMetaSystemFields).</summary>
public static class SystemFields
{
    // The apiserver's names.SimpleNameGenerator alphabet: no vowels (no accidental words), no ambiguous 0/1/3.
    private const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";
    private const int RandomLength = 5;
    private const int MaxGeneratedNameLength = 63;

    public static string Timestamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    public static void FillOnCreate(JsonObject obj, DateTimeOffset now)
    {
        var meta = obj.Meta();
        meta["uid"] = Guid.NewGuid().ToString();
        meta["creationTimestamp"] = Timestamp(now);
        meta.Remove("resourceVersion");
        meta.Remove("deletionTimestamp");
        meta.Remove("deletionGracePeriodSeconds");
        meta.Remove("selfLink");
        meta.Remove("generation");
    }

    /// <summary>
    /// ObjectMeta's fields are all omitempty in Go, so an emptied map or list (labels after `kubectl label k-`)
    /// disappears from the stored object instead of being kept as {} or [].
    /// </summary>
    public static void NormalizeMetadata(JsonObject obj)
    {
        var meta = obj.Meta();
        foreach (var (key, value) in meta.ToList())
        {
            var empty = value switch
            {
                null => true,
                JsonObject o => o.Count == 0,
                JsonArray a => a.Count == 0,
                JsonValue v when v.TryGetValue<string>(out var s) => s.Length == 0,
                _ => false,
            };
            if (empty) meta.Remove(key);
        }
    }

    public static string GenerateName(string prefix)
    {
        if (prefix.Length > MaxGeneratedNameLength - RandomLength) prefix = prefix[..(MaxGeneratedNameLength - RandomLength)];
        Span<char> suffix = stackalloc char[RandomLength];
        for (var i = 0; i < RandomLength; i++) suffix[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return prefix + new string(suffix);
    }

    /// <summary>Copies what an update may not change from the stored object (uid, creation time, deletion state).</summary>
    public static void KeepOnUpdate(JsonObject obj, JsonObject old)
    {
        var meta = obj.Meta();
        var oldMeta = old.Meta();
        foreach (var field in new[] { "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generateName" })
        {
            if (oldMeta[field] is { } value) meta[field] = value.DeepClone();
            else if (field != "generateName") meta.Remove(field);
        }
        meta.Remove("selfLink");
    }
}
