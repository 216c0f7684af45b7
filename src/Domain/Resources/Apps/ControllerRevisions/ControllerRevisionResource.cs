using Emulator.Domain.Printing;

namespace Emulator.Domain.Resources.Apps.ControllerRevisions;

public sealed class ControllerRevisionResource : ResourceDefinition
{
    public override ResourceKind Kind { get; } = new("apps", "v1", "ControllerRevision", "controllerrevisions", "controllerrevision",
        Namespaced: true, ShortNames: [], Categories: [], Subresources: []);

    public override ITablePrinter Printer { get; } = new ControllerRevisionTablePrinter();

    public override ResourceStrategy Strategy { get; } = new ControllerRevisionStrategy();
}
