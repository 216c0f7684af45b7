namespace Emulator.Domain.Protobuf;

/// <summary>
/// Messages that JSON renders as a scalar or as embedded JSON. Sources (read, not copied):
/// kubernetes/apimachinery pkg/apis/meta/v1/generated.proto (Time, MicroTime, FieldsV1),
/// pkg/runtime/generated.proto (RawExtension), pkg/util/intstr/generated.proto (IntOrString),
/// pkg/api/resource/generated.proto (Quantity).
/// </summary>
internal static class WellKnownSchema
{
    public const string Time = "meta.Time";
    public const string MicroTime = "meta.MicroTime";
    public const string FieldsV1 = "meta.FieldsV1";
    public const string RawExtension = "runtime.RawExtension";
    public const string IntOrString = "intstr.IntOrString";
    public const string Quantity = "resource.Quantity";

    public static void Register(SchemaBuilder b)
    {
        b.Special(Time, SpecialKind.Time);
        b.Special(MicroTime, SpecialKind.MicroTime);
        b.Special(FieldsV1, SpecialKind.RawJson);
        b.Special(RawExtension, SpecialKind.RawJson);
        b.Special(IntOrString, SpecialKind.IntOrString);
        b.Special(Quantity, SpecialKind.Quantity);
    }
}
