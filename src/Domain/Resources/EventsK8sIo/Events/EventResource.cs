using Emulator.Domain.Printing;

namespace Emulator.Domain.Resources.EventsK8sIo.Events;

public sealed class EventResource : ResourceDefinition
{
    public override ResourceKind Kind { get; } = new("events.k8s.io", "v1", "Event", "events", "event", Namespaced: true,
        ShortNames: ["ev"], Categories: [], Subresources: []);

    public override ITablePrinter Printer { get; } = new EventTablePrinter();

    public override ResourceStrategy Strategy { get; } = new EventsV1Strategy();
}
