using System.Text.Json.Nodes;
using Emulator.Domain.Errors;
using Emulator.Domain.Resources.Core.Services;

namespace Emulator.Domain.Tests.Services;

internal static class ServiceSamples
{
    private static readonly ServiceStrategy Strategy = new();

    /// <summary>A Service with the given spec JSON, defaulted as the registry would before validation.</summary>
    public static JsonObject Prepared(string spec, string name = "web")
    {
        var svc = Raw(spec, name);
        Strategy.PrepareForCreate(svc);
        return svc;
    }

    public static JsonObject Raw(string spec, string name = "web") =>
        JsonNode.Parse("{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"default\"},\"spec\":{" + spec + "}}")!.AsObject();

    public static IReadOnlyList<FieldError> CreateErrors(string spec)
    {
        var svc = Prepared(spec);
        var early = ServiceClusterIpRules.Check(svc, null);
        if (early.Count > 0) return early;
        var families = ServiceIpFamilies.Initialize(svc, null, "IPv4");
        return families.Count > 0 ? families : [.. Strategy.Validate(svc)];
    }

    public static IReadOnlyList<FieldError> UpdateErrors(JsonObject old, JsonObject updated)
    {
        Strategy.PrepareForUpdate(updated, old);
        var early = ServiceClusterIpRules.Check(updated, old);
        if (early.Count > 0) return early;
        var families = ServiceIpFamilies.Initialize(updated, old, "IPv4");
        return families.Count > 0 ? families : [.. Strategy.ValidateUpdate(updated, old)];
    }
}
