using System.Text.Json.Nodes;
using Emulator.Domain.Printing;
using CoreEventTablePrinter = Emulator.Domain.Resources.Core.Events.EventTablePrinter;

namespace Emulator.Domain.Resources.EventsK8sIo.Events;

/// <summary>
/// kubectl get events.v1.events.k8s.io: the apiserver serves these from the core Event storage, so they go through
/// the same printEvent after conversion to the internal Event (pkg/apis/events/v1/conversion.go). This printer
/// renames the events.k8s.io/v1 fields to their core names and hands over to the core printer.
/// </summary>
public sealed class EventTablePrinter : ITablePrinter
{
    // events.k8s.io/v1 field → core/v1 (internal) field, as Convert_v1_Event_To_core_Event maps them.
    private static readonly (string From, string To)[] Renames =
    [
        ("regarding", "involvedObject"),
        ("note", "message"),
        ("deprecatedSource", "source"),
        ("deprecatedFirstTimestamp", "firstTimestamp"),
        ("deprecatedLastTimestamp", "lastTimestamp"),
        ("deprecatedCount", "count"),
        ("reportingController", "reportingComponent"),
    ];

    private static readonly string[] SameName = ["metadata", "reason", "type", "action", "eventTime", "series", "reportingInstance", "related"];

    private readonly CoreEventTablePrinter _core = new();

    public IReadOnlyList<TableColumn> Columns => _core.Columns;

    public object?[] Cells(JsonObject obj, DateTimeOffset now) => _core.Cells(ToCore(obj), now);

    /// <summary>A core-shaped view of an events.k8s.io/v1 Event; a core-shaped object passes through.</summary>
    internal static JsonObject ToCore(JsonObject evt)
    {
        var apiVersion = JsonRead.Str(evt, "apiVersion");
        if (apiVersion == "v1" || (apiVersion.Length == 0 && evt.ContainsKey("involvedObject"))) return evt;
        var core = new JsonObject();
        foreach (var name in SameName)
            if (evt[name] is { } value) core[name] = value.DeepClone();
        foreach (var (from, to) in Renames)
            if (evt[from] is { } value) core[to] = value.DeepClone();
        return core;
    }
}
