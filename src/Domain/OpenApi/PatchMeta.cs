namespace Emulator.Domain.OpenApi;

/// <summary>
/// The list and patch semantics Go struct tags give a field: <c>patchStrategy</c> ("merge", "replace",
/// "retainKeys", or "merge,retainKeys"), <c>patchMergeKey</c>, and the <c>+listType</c>/<c>+listMapKey</c> markers.
/// </summary>
public sealed record PatchMeta(string? Strategy = null, string? MergeKey = null, string? ListType = null, IReadOnlyList<string>? ListMapKeys = null)
{
    public static readonly PatchMeta None = new();

    public bool Merges => Strategy?.Split(',').Contains("merge") == true;

    public bool RetainsKeys => Strategy?.Split(',').Contains("retainKeys") == true;
}
