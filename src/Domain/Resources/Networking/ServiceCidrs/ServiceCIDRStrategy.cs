using System.Text.Json.Nodes;
using Emulator.Domain.Errors;

namespace Emulator.Domain.Resources.Networking.ServiceCidrs;

/// <summary>ValidateServiceCIDR / ValidateServiceCIDRUpdate (k/k pkg/apis/networking/validation/validation.go): 1-2 CIDRs, one per family, immutable.</summary>
public sealed class ServiceCIDRStrategy : ResourceStrategy
{
    public override bool HasStatusSubresource => true;

    public override IEnumerable<FieldError> Validate(JsonObject obj)
    {
        var cidrs = obj["spec"]?["cidrs"] as JsonArray;
        if (cidrs is null || cidrs.Count == 0)
        {
            yield return FieldError.Required("spec.cidrs", "at least one CIDR required");
            yield break;
        }
        if (cidrs.Count > 2)
        {
            yield return FieldError.Invalid("spec.cidrs", new Core.Services.GoSyntax.Raw(Core.Services.GoSyntax.StringSlice(Values(cidrs)).Text), "may only hold up to 2 values");
            yield break;
        }
        var i = 0;
        foreach (var cidr in Values(cidrs))
        {
            if (!System.Net.IPNetwork.TryParse(cidr, out _))
                yield return FieldError.Invalid($"spec.cidrs[{i}]", cidr, "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)");
            i++;
        }
    }

    public override IEnumerable<FieldError> ValidateUpdate(JsonObject obj, JsonObject old)
    {
        foreach (var e in Validate(obj)) yield return e;
        if (!JsonNode.DeepEquals(obj["spec"]?["cidrs"], old["spec"]?["cidrs"]) && old["spec"]?["cidrs"] is JsonArray oldCidrs && oldCidrs.Count > 0)
            yield return FieldError.Invalid("spec.cidrs", Core.Services.GoSyntax.StringSlice(Values(obj["spec"]?["cidrs"] as JsonArray ?? [])), "field is immutable");
    }

    private static List<string> Values(JsonArray array) => [.. array.Select(n => n?.ToString() ?? "")];
}
