using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Emulator.Domain.Errors;
using Emulator.Domain.Validation;

namespace Emulator.Domain.Resources.Core.Services;

/// <summary>validateServicePort and the duplicate port/nodePort checks of ValidateService (k/k pkg/apis/core/validation/validation.go).</summary>
public static partial class ServicePortRules
{
    public static readonly string[] Protocols = ["SCTP", "TCP", "UDP"];
    private const string PortRangeMessage = "must be between 1 and 65535, inclusive";

    [GeneratedRegex("^[-a-z0-9]+$")] private static partial Regex PortNameCharset();
    [GeneratedRegex("[a-z]")] private static partial Regex PortNameOneLetter();

    public static IEnumerable<FieldError> Check(JsonObject svc)
    {
        var ports = ServiceFields.Ports(svc);
        var requireName = ports.Count > 1;
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < ports.Count; i++)
        {
            var path = $"spec.ports[{i}]";
            var port = ports[i];
            var name = port.Str("name") ?? "";
            if (requireName && name.Length == 0) yield return FieldError.Required($"{path}.name");
            else if (name.Length > 0)
            {
                foreach (var e in NameFormats.LabelErrors(name)) yield return FieldError.Invalid($"{path}.name", name, e);
                if (!names.Add(name)) yield return FieldError.Duplicate($"{path}.name", name);
            }
            var number = ServiceFields.Int(port, "port");
            if (number is < 1 or > 65535) yield return FieldError.Invalid($"{path}.port", number, PortRangeMessage);
            var protocol = port.Str("protocol") ?? "";
            if (protocol.Length == 0) yield return FieldError.Required($"{path}.protocol");
            else if (!Protocols.Contains(protocol)) yield return FieldError.NotSupported($"{path}.protocol", protocol, Protocols);
            foreach (var e in TargetPortErrors(port["targetPort"], $"{path}.targetPort")) yield return e;
            if (port.Str("appProtocol") is { } appProtocol)
                foreach (var e in NameFormats.QualifiedNameErrors(appProtocol)) yield return FieldError.Invalid($"{path}.appProtocol", appProtocol, e);
        }
    }

    /// <summary>Ports on ClusterIP services, then the same (protocol, nodePort) and (protocol, port) twice.</summary>
    public static IEnumerable<FieldError> Duplicates(JsonObject svc)
    {
        var ports = ServiceFields.Ports(svc);
        if (ServiceFields.Type(svc) == "ClusterIP")
            for (var i = 0; i < ports.Count; i++)
                if (ServiceFields.Int(ports[i], "nodePort") != 0)
                    yield return FieldError.Forbidden($"spec.ports[{i}].nodePort", "may not be used when `type` is 'ClusterIP'");
        var nodePorts = new HashSet<(string, long)>();
        for (var i = 0; i < ports.Count; i++)
        {
            var nodePort = ServiceFields.Int(ports[i], "nodePort");
            if (nodePort == 0) continue;
            if (!nodePorts.Add((ports[i].Str("protocol") ?? "", nodePort))) yield return FieldError.Duplicate($"spec.ports[{i}].nodePort", nodePort);
        }
        var seen = new HashSet<(string, long)>();
        for (var i = 0; i < ports.Count; i++)
            if (!seen.Add((ports[i].Str("protocol") ?? "", ServiceFields.Int(ports[i], "port"))))
                yield return FieldError.Duplicate($"spec.ports[{i}]", GoSyntax.ServicePort(ports[i]));
    }

    /// <summary>ValidatePortNumOrName: a number 1-65535 or an IANA_SVC_NAME (IsValidPortName).</summary>
    public static IEnumerable<FieldError> TargetPortErrors(JsonNode? target, string path)
    {
        if (target is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            var name = v.GetValue<string>();
            if (name.Length > 15) yield return FieldError.Invalid(path, name, "must be no more than 15 characters");
            if (!PortNameCharset().IsMatch(name)) yield return FieldError.Invalid(path, name, "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
            if (!PortNameOneLetter().IsMatch(name)) yield return FieldError.Invalid(path, name, "must contain at least one letter (a-z)");
            if (name.Contains("--", StringComparison.Ordinal)) yield return FieldError.Invalid(path, name, "must not contain consecutive hyphens");
            if (name.Length > 0 && (name[0] == '-' || name[^1] == '-')) yield return FieldError.Invalid(path, name, "must not begin or end with a hyphen");
            yield break;
        }
        var number = ServiceFields.Int(new JsonObject { ["v"] = target?.DeepClone() }, "v");
        if (number is < 1 or > 65535) yield return FieldError.Invalid(path, number, PortRangeMessage);
    }
}
