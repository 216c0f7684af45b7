using System.Net;
using System.Text.Json.Nodes;
using Emulator.Domain.Errors;
using Emulator.Domain.Validation;

namespace Emulator.Domain.Resources.Networking.IPAddresses;

/// <summary>
/// ValidateIPAddress / ValidateIPAddressUpdate (k/k pkg/apis/networking/validation/validation.go): the name must be
/// a canonical IP, spec.parentRef is required (resource and name) and immutable.
/// </summary>
public sealed class IPAddressStrategy : ResourceStrategy
{
    // The name is checked by ValidateIPAddressName below, not as a DNS subdomain.
    public override NameRule NameRule => NameRule.Subdomain;

    public override IEnumerable<FieldError> Validate(JsonObject obj)
    {
        var name = obj.Name();
        if (!IPAddress.TryParse(name, out var ip)) yield return FieldError.Invalid("metadata.name", name, "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)");
        else if (ip.ToString() != name) yield return FieldError.Invalid("metadata.name", name, $"must be in canonical form (\"{ip}\")");
        var parent = obj["spec"]?["parentRef"] as JsonObject;
        if (parent is null)
        {
            yield return FieldError.Required("spec.parentRef");
            yield break;
        }
        if (string.IsNullOrEmpty(parent.Str("resource"))) yield return FieldError.Required("spec.parentRef.resource");
        if (string.IsNullOrEmpty(parent.Str("name"))) yield return FieldError.Required("spec.parentRef.name");
    }

    public override IEnumerable<FieldError> ValidateUpdate(JsonObject obj, JsonObject old)
    {
        foreach (var e in Validate(obj)) yield return e;
        if (!JsonNode.DeepEquals(obj["spec"]?["parentRef"], old["spec"]?["parentRef"]))
            yield return FieldError.Invalid("spec.parentRef", new Core.Services.GoSyntax.Raw("(*networking.ParentReference)"), "field is immutable");
    }
}
