namespace Emulator.Domain.OpenApi;

/// <summary>
/// One property of a model type: its JSON name and schema, plus the list semantics the Go struct tags carry
/// (patchMergeKey/patchStrategy for strategic merge patch, listType/listMapKeys for server-side apply).
/// </summary>
public sealed record FieldSchema(string Name, string ClrName, TypeSchema Schema, PatchMeta Patch);
