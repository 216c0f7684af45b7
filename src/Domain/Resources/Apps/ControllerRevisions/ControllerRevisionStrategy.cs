using System.Text.Json.Nodes;
using Emulator.Domain.Errors;
using Emulator.Domain.Workloads;

namespace Emulator.Domain.Resources.Apps.ControllerRevisions;

/// <summary>pkg/registry/apps/controllerrevision/strategy.go with ValidateControllerRevisionCreate of pkg/apis/apps/validation.</summary>
public sealed class ControllerRevisionStrategy : ResourceStrategy
{
    public override IEnumerable<FieldError> Validate(JsonObject obj)
    {
        if (!obj.ContainsKey("data") || obj["data"] is null) yield return FieldError.Required("data", "data is mandatory");
        if (JsonNumber.Long(obj["revision"]) is long revision and < 0)
            yield return FieldError.Invalid("revision", revision, "must be greater than or equal to 0");
    }
}
