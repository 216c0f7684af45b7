using System.Collections.Frozen;

namespace Emulator.Domain.Protobuf;

/// <summary>
/// Messages whose JSON form is not "an object with the message's fields"; each has a hand-written conversion in
/// <see cref="SpecialValues"/>.
/// </summary>
internal enum SpecialKind
{
    None,
    /// <summary>meta/v1 Time {1: seconds, 2: nanos}: RFC 3339 with whole seconds, empty message = null.</summary>
    Time,
    /// <summary>meta/v1 MicroTime: like Time but with six fractional digits.</summary>
    MicroTime,
    /// <summary>intstr.IntOrString {1: type, 2: intVal, 3: strVal}: a JSON number or string.</summary>
    IntOrString,
    /// <summary>resource.Quantity {1: string}: the string.</summary>
    Quantity,
    /// <summary>meta/v1 FieldsV1 and runtime.RawExtension {1: raw}: the JSON document held in the bytes.</summary>
    RawJson,
}

internal sealed class ProtoMessage(string name, SpecialKind special, FrozenDictionary<int, ProtoField> fields)
{
    public string Name { get; } = name;
    public SpecialKind Special { get; } = special;
    public FrozenDictionary<int, ProtoField> Fields { get; } = fields;
}
