using Emulator.Domain.Printing;

namespace Emulator.Domain.Resources.Apps.Deployments;

public sealed class DeploymentResource : ResourceDefinition
{
    public override ResourceKind Kind { get; } = new("apps", "v1", "Deployment", "deployments", "deployment", Namespaced: true,
        ShortNames: ["deploy"], Categories: ["all"], Subresources: ["scale", "status"]);

    public override ITablePrinter Printer { get; } = new DeploymentTablePrinter();

    public override ResourceStrategy Strategy { get; } = new DeploymentStrategy();
}
