using System.Text.Json.Nodes;
using Emulator.Domain.Errors;

namespace Emulator.Domain.Resources.Core.Endpoints;

/// <summary>endpointsStrategy (k/k pkg/registry/core/endpoint/strategy.go): create-on-update allowed, ports defaulted, subsets validated.</summary>
public sealed class EndpointsStrategy : ResourceStrategy
{
    private static readonly EndpointsValidator Validator = new();

    public override bool AllowCreateOnUpdate => true;

    public override void PrepareForCreate(JsonObject obj)
    {
        base.PrepareForCreate(obj);
        DefaultPorts(obj);
    }

    public override void PrepareForUpdate(JsonObject obj, JsonObject old)
    {
        base.PrepareForUpdate(obj, old);
        DefaultPorts(obj);
    }

    public override IEnumerable<FieldError> Validate(JsonObject obj) => Validator.Errors(obj);

    // SetDefaults_EndpointPort: protocol TCP.
    private static void DefaultPorts(JsonObject obj)
    {
        foreach (var subset in (obj["subsets"] as JsonArray ?? []).OfType<JsonObject>())
            foreach (var port in (subset["ports"] as JsonArray ?? []).OfType<JsonObject>())
                if (string.IsNullOrEmpty(port.Str("protocol"))) port["protocol"] = "TCP";
    }
}
