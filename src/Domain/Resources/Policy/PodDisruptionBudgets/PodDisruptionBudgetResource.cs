using Emulator.Domain.Printing;

namespace Emulator.Domain.Resources.Policy.PodDisruptionBudgets;

public sealed class PodDisruptionBudgetResource : ResourceDefinition
{
    public override ResourceKind Kind { get; } = new("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", "poddisruptionbudget",
        Namespaced: true, ShortNames: ["pdb"], Categories: [], Subresources: ["status"]);

    public override ITablePrinter Printer { get; } = new PodDisruptionBudgetTablePrinter();

    public override ResourceStrategy Strategy { get; } = new PodDisruptionBudgetStrategy();
}
