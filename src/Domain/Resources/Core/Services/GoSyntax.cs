using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Emulator.Domain.Resources.Core.Services;

/// <summary>
/// Go's %#v rendering of the values the Service validation puts into "Invalid value: ..." (field/errors.go falls back
/// to %#v for slices and structs): []string{"10.96.0.1"} and core.ServicePort{...}.
/// </summary>
public static class GoSyntax
{
    /// <summary>A pre-rendered value: FieldError.Render prints it verbatim.</summary>
    public sealed record Raw(string Text)
    {
        public override string ToString() => Text;
    }

    public static Raw StringSlice(IEnumerable<string> values) =>
        new(values.Any() ? $"[]string{{{string.Join(", ", values.Select(Quote))}}}" : "[]string(nil)");

    public static string Quote(string s) => $"\"{s.Replace("\\", "\\\\").Replace("\"", "\\\"")}\"";

    public static Raw ServicePort(JsonObject port)
    {
        var appProtocol = port.Str("appProtocol") is { } ap ? $"(*string)({Quote(ap)})" : "(*string)(nil)";
        string target;
        if (port["targetPort"] is JsonValue t && t.GetValueKind() == JsonValueKind.String)
            target = $"intstr.IntOrString{{Type:1, IntVal:0, StrVal:{Quote(t.GetValue<string>())}}}";
        else
            target = $"intstr.IntOrString{{Type:0, IntVal:{ServiceFields.Int(port, "targetPort").ToString(CultureInfo.InvariantCulture)}, StrVal:\"\"}}";
        return new Raw(string.Create(CultureInfo.InvariantCulture,
            $"core.ServicePort{{Name:{Quote(port.Str("name") ?? "")}, Protocol:{Quote(port.Str("protocol") ?? "")}, AppProtocol:{appProtocol}, Port:{ServiceFields.Int(port, "port")}, TargetPort:{target}, NodePort:{ServiceFields.Int(port, "nodePort")}}}"));
    }
}
