namespace Emulator.Domain.OpenApi;

/// <summary>The JSON shape of a model type or field, as the OpenAPI document and the patch engines see it.</summary>
public enum SchemaKind
{
    Object,
    Array,
    Map,
    String,
    Integer,
    Number,
    Boolean,
    IntOrString,
    Quantity,
    DateTime,
    Bytes,
    /// <summary>Free-form JSON (RawExtension, FieldsV1, JSON): anything goes, no unknown-field checks below it.</summary>
    Any,
}
