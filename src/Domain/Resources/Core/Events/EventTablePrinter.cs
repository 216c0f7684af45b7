using System.Text.Json.Nodes;
using Emulator.Domain.Printing;

namespace Emulator.Domain.Resources.Core.Events;

/// <summary>
/// kubectl get events: printEvent and formatEventSource in pkg/printers/internalversion/printers.go, over the
/// core/v1 field names. events.k8s.io/v1 Events are served by the same storage and printer; see
/// <see cref="EventsK8sIo.Events.EventTablePrinter"/>.
/// </summary>
public sealed class EventTablePrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        new("Last Seen", Description: "The time at which the most recent occurrence of this event was recorded."),
        new("Type", Description: "Type of this event (Normal, Warning), new types could be added in the future"),
        new("Reason", Description: "This should be a short, machine understandable string that gives the reason for the transition into the object's current status."),
        new("Object", Description: "The object that this event is about."),
        new("Subobject", Priority: 1, Description: "If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2]."),
        new("Source", Priority: 1, Description: "The component reporting this event. Should be a short machine understandable string."),
        new("Message", Description: "A human-readable description of the status of this operation."),
        new("First Seen", Priority: 1, Description: "The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)"),
        new("Count", Priority: 1, Description: "The number of times this event has occurred."),
        new("Name", Format: "name", Priority: 1, Description: "Name must be unique within a namespace."),
    ];

    public object?[] Cells(JsonObject obj, DateTimeOffset now)
    {
        // First Seen falls back to eventTime (events written through events.k8s.io carry no firstTimestamp),
        // Last Seen to First Seen, and a series overrides both Last Seen and Count.
        var firstTimestamp = HumanDuration.ParseTime(obj["firstTimestamp"]) is null
            ? HumanDuration.Since(obj["eventTime"], now)
            : HumanDuration.Since(obj["firstTimestamp"], now);
        var lastTimestamp = HumanDuration.ParseTime(obj["lastTimestamp"]) is null
            ? firstTimestamp
            : HumanDuration.Since(obj["lastTimestamp"], now);

        var count = JsonRead.Int(obj, "count");
        if (obj["series"] is JsonObject series)
        {
            lastTimestamp = HumanDuration.Since(series["lastObservedTime"], now);
            count = JsonRead.Int(series, "count");
        }
        else if (count == 0)
        {
            // Singleton events don't have a count set in the new API.
            count = 1;
        }

        var involved = obj["involvedObject"];
        var kind = JsonRead.Str(involved, "kind").ToLowerInvariant();
        var name = JsonRead.Str(involved, "name");
        var target = name.Length > 0 ? $"{kind}/{name}" : kind;

        return
        [
            lastTimestamp,
            JsonRead.Str(obj, "type"),
            JsonRead.Str(obj, "reason"),
            target,
            JsonRead.Str(involved, "fieldPath"),
            FormatSource(obj),
            JsonRead.Str(obj, "message").Trim(),
            firstTimestamp,
            count,
            obj.Name(),
        ];
    }

    // formatEventSource: "component, host", with reportingController / reportingInstance standing in for
    // empty source fields, and no ", " when there is no host.
    private static string FormatSource(JsonObject evt)
    {
        var source = evt["source"];
        var component = FirstNonEmpty(JsonRead.Str(source, "component"), JsonRead.Str(evt, "reportingComponent"));
        var instance = FirstNonEmpty(JsonRead.Str(source, "host"), JsonRead.Str(evt, "reportingInstance"));
        return instance.Length == 0 ? component : component + ", " + instance;
    }

    private static string FirstNonEmpty(string a, string b) => a.Length > 0 ? a : b;
}
