using System.Text.Json.Nodes;
using Emulator.Domain.Printing;

namespace Emulator.Domain.Resources.Core.Events;

public sealed class EventResource : ResourceDefinition
{
    public override ResourceKind Kind { get; } = new("", "v1", "Event", "events", "event", Namespaced: true,
        ShortNames: ["ev"], Categories: [], Subresources: []);

    public override ITablePrinter Printer { get; } = new EventTablePrinter();

    public override ResourceStrategy Strategy { get; } = new EventStrategy();

    public override IReadOnlyDictionary<string, Func<JsonObject, string?>> FieldSelectors { get; } =
        new Dictionary<string, Func<JsonObject, string?>>
        {
            ["involvedObject.kind"] = o => o.PathValue("involvedObject.kind"),
            ["involvedObject.namespace"] = o => o.PathValue("involvedObject.namespace"),
            ["involvedObject.name"] = o => o.PathValue("involvedObject.name"),
            ["involvedObject.uid"] = o => o.PathValue("involvedObject.uid"),
            ["involvedObject.apiVersion"] = o => o.PathValue("involvedObject.apiVersion"),
            ["involvedObject.resourceVersion"] = o => o.PathValue("involvedObject.resourceVersion"),
            ["involvedObject.fieldPath"] = o => o.PathValue("involvedObject.fieldPath"),
            ["reason"] = o => o.Str("reason"),
            ["reportingComponent"] = o => o.Str("reportingComponent"),
            ["source"] = o => o.PathValue("source.component"),
            ["type"] = o => o.Str("type"),
        };
}
