using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Emulator.Domain.Errors;
using Emulator.Domain.Validation;
using FluentValidation;

namespace Emulator.Domain.Resources.Core.Endpoints;

/// <summary>
/// ValidateEndpoints / validateEndpointSubsets of k/k pkg/apis/core/validation/validation.go, in the real order:
/// per subset, the addresses-or-notReadyAddresses rule, each address (ip, hostname, nodeName, special ranges), then
/// each port. One deliberate difference: loopback addresses are allowed, because this emulator's address plan puts
/// pods and the API server on 127.0.0.0/8 (design.md §3) and the controllers publish exactly those addresses.
/// </summary>
public sealed class EndpointsValidator : AbstractValidator<JsonObject>
{
    private static readonly string[] Protocols = ["SCTP", "TCP", "UDP"];

    public EndpointsValidator() => RuleFor(e => e).Custom((e, ctx) =>
    {
        foreach (var error in Check(e))
            ctx.AddFailure(new FluentValidation.Results.ValidationFailure(error.Field, error.Message) { ErrorCode = error.Reason });
    });

    public IReadOnlyList<FieldError> Errors(JsonObject endpoints) =>
        [.. Validate(endpoints).Errors.Select(f => new FieldError(f.ErrorCode, f.PropertyName, f.ErrorMessage))];

    private static IEnumerable<FieldError> Check(JsonObject endpoints)
    {
        var subsets = endpoints["subsets"] as JsonArray ?? [];
        for (var i = 0; i < subsets.Count; i++)
        {
            var path = $"subsets[{i}]";
            var subset = subsets[i] as JsonObject ?? [];
            var addresses = subset["addresses"] as JsonArray ?? [];
            var notReady = subset["notReadyAddresses"] as JsonArray ?? [];
            if (addresses.Count == 0 && notReady.Count == 0)
                yield return FieldError.Required(path, "must specify `addresses` or `notReadyAddresses`");
            for (var a = 0; a < addresses.Count; a++)
                foreach (var e in Address(addresses[a] as JsonObject ?? [], $"{path}.addresses[{a}]")) yield return e;
            for (var a = 0; a < notReady.Count; a++)
                foreach (var e in Address(notReady[a] as JsonObject ?? [], $"{path}.notReadyAddresses[{a}]")) yield return e;
            var ports = subset["ports"] as JsonArray ?? [];
            for (var p = 0; p < ports.Count; p++)
                foreach (var e in Port(ports[p] as JsonObject ?? [], ports.Count > 1, $"{path}.ports[{p}]")) yield return e;
        }
    }

    private static IEnumerable<FieldError> Address(JsonObject address, string path)
    {
        var ip = address.Str("ip") ?? "";
        if (!IPAddress.TryParse(ip, out var parsed) || !IsCanonical(ip))
        {
            yield return FieldError.Invalid($"{path}.ip", ip, "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)");
            parsed = null;
        }
        if (address.Str("hostname") is { Length: > 0 } hostname)
            foreach (var msg in NameFormats.LabelErrors(hostname)) yield return FieldError.Invalid($"{path}.hostname", hostname, msg);
        if (address.Str("nodeName") is { } node)
            foreach (var msg in NameFormats.SubdomainErrors(node)) yield return FieldError.Invalid($"{path}.nodeName", node, msg);
        if (parsed is not null && SpecialRange(parsed) is { } range) yield return FieldError.Invalid($"{path}.ip", ip, range);
    }

    // ValidateNonSpecialIP, minus the loopback range (see the class comment).
    private static string? SpecialRange(IPAddress ip)
    {
        if (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any)) return "may not be unspecified (0.0.0.0, ::)";
        var v4 = ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip;
        if (v4.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = v4.GetAddressBytes();
            if (b[0] == 169 && b[1] == 254) return "may not be in the link-local range (169.254.0.0/16, fe80::/10)";
            if (b[0] == 224 && b[1] == 0 && b[2] == 0) return "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)";
            return null;
        }
        if (ip.IsIPv6LinkLocal) return "may not be in the link-local range (169.254.0.0/16, fe80::/10)";
        var bytes = ip.GetAddressBytes();
        if (bytes[0] == 0xff && (bytes[1] & 0x0f) == 0x02) return "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)";
        return null;
    }

    // .NET accepts shorthand such as "10.1" that Go's parser rejects.
    private static bool IsCanonical(string ip) => ip.Contains(':', StringComparison.Ordinal) || ip.Split('.').Length == 4;

    private static IEnumerable<FieldError> Port(JsonObject port, bool requireName, string path)
    {
        var name = port.Str("name") ?? "";
        if (requireName && name.Length == 0) yield return FieldError.Required($"{path}.name");
        else if (name.Length > 0)
            foreach (var msg in NameFormats.LabelErrors(name)) yield return FieldError.Invalid($"{path}.name", name, msg);
        var number = port["port"] is JsonValue v && v.TryGetValue<long>(out var n) ? n : 0;
        if (number is < 1 or > 65535) yield return FieldError.Invalid($"{path}.port", number, "must be between 1 and 65535, inclusive");
        var protocol = port.Str("protocol") ?? "";
        if (protocol.Length == 0) yield return FieldError.Required($"{path}.protocol");
        else if (!Protocols.Contains(protocol)) yield return FieldError.NotSupported($"{path}.protocol", protocol, Protocols);
        if (port.Str("appProtocol") is { } appProtocol)
            foreach (var msg in NameFormats.QualifiedNameErrors(appProtocol)) yield return FieldError.Invalid($"{path}.appProtocol", appProtocol, msg);
    }
}
