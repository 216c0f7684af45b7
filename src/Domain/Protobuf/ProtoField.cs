namespace Emulator.Domain.Protobuf;

/// <summary>The protobuf scalar types Kubernetes' generated.proto files use for the fields we decode.</summary>
internal enum ProtoScalar
{
    String,
    /// <summary>Raw bytes; only ever a map value here (Secret.data, ConfigMap.binaryData), rendered as base64.</summary>
    Bytes,
    Bool,
    Int32,
    Int64,
}

internal enum FieldShape
{
    Single,
    Repeated,
    /// <summary><c>map&lt;string, V&gt;</c>: on the wire a repeated entry message {1: key, 2: value}.</summary>
    Map,
}

/// <summary>
/// One field of a message (its number in generated.proto is the key it is filed under): the JSON name (generated.proto already uses the JSON
/// names) and how its value is read. A field has either <see cref="Scalar"/> or <see cref="MessageName"/>; for a
/// map they describe the entry's value.
/// </summary>
internal sealed class ProtoField(
    string jsonName, FieldShape shape, ProtoScalar? scalar, string? messageName, bool keepZero, bool inline)
{
    public string JsonName { get; } = jsonName;
    public FieldShape Shape { get; } = shape;
    public ProtoScalar? Scalar { get; } = scalar;
    public string? MessageName { get; } = messageName;

    /// <summary>
    /// Emit the value even when it is "", 0 or false. Set for Go pointer fields (a nil pointer is never on the
    /// wire, so a value that is there was set on purpose, e.g. <c>replicas: 0</c>) and for the few fields whose Go
    /// JSON tag has no omitempty, where kubectl's JSON shows the zero too.
    /// </summary>
    public bool KeepZero { get; } = keepZero;

    /// <summary>A Go struct embedded with <c>json:",inline"</c>: its fields land in the parent JSON object.</summary>
    public bool Inline { get; } = inline;

    /// <summary>The message type, resolved once the whole schema table is built.</summary>
    public ProtoMessage? Message { get; internal set; }
}
