using static Emulator.Domain.Protobuf.CoreV1Schema;
using static Emulator.Domain.Protobuf.MetaV1Schema;
using static Emulator.Domain.Protobuf.WellKnownSchema;

namespace Emulator.Domain.Protobuf;

/// <summary>k8s.io.api.events.v1, field numbers from kubernetes/api events/v1/generated.proto.</summary>
internal static class EventsV1Schema
{
    public static void Register(SchemaBuilder b)
    {
        b.Message("events.Event")
            .Message(1, "metadata", ObjectMeta)
            .Message(2, "eventTime", MicroTime)
            .Message(3, "series", "events.EventSeries")
            .String(4, "reportingController")
            .String(5, "reportingInstance")
            .String(6, "action")
            .String(7, "reason")
            .Message(8, "regarding", ObjectReference)
            .Message(9, "related", ObjectReference)
            .String(10, "note")
            .String(11, "type")
            .Message(12, "deprecatedSource", "core.EventSource")
            .Message(13, "deprecatedFirstTimestamp", Time)
            .Message(14, "deprecatedLastTimestamp", Time)
            .Int32(15, "deprecatedCount");
        // Unlike core/v1's EventSeries, events/v1's count has no omitempty.
        b.Message("events.EventSeries")
            .Int32(1, "count", keepZero: true)
            .Message(2, "lastObservedTime", MicroTime);
    }
}
