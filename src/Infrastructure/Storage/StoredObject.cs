using System.Text.Json.Nodes;

namespace Emulator.Infrastructure.Storage;

/// <summary>
/// One committed object version. Treat <see cref="Object"/> as immutable: it is shared by the cache, the watch
/// hub and every reader; callers that want to change it work on <see cref="Clone"/>. <see cref="Json"/> is the
/// exact serialized form, reused for GET/LIST/watch answers without re-serializing.
/// </summary>
public sealed class StoredObject(JsonObject obj, string json, long resourceVersion)
{
    public JsonObject Object { get; } = obj;
    public string Json { get; } = json;
    public long ResourceVersion { get; } = resourceVersion;

    private byte[]? _utf8;

    /// <summary><see cref="Json"/> as UTF-8, encoded on first use and kept (a benign race: both encodings are equal).</summary>
    public ReadOnlyMemory<byte> Utf8 => _utf8 ??= System.Text.Encoding.UTF8.GetBytes(Json);

    public JsonObject Clone() => (JsonObject)Object.DeepClone();
}
