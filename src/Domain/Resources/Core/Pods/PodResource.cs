using System.Text.Json.Nodes;
using Emulator.Domain.Printing;

namespace Emulator.Domain.Resources.Core.Pods;

public sealed class PodResource : ResourceDefinition
{
    public override ResourceKind Kind { get; } = new("", "v1", "Pod", "pods", "pod", Namespaced: true,
        ShortNames: ["po"], Categories: ["all"], Subresources: ["attach", "binding", "ephemeralcontainers", "eviction", "exec", "log", "portforward", "proxy", "resize", "status"]);

    public override ITablePrinter Printer { get; } = new PodTablePrinter();

    public override ResourceStrategy Strategy { get; } = new PodStrategy();

    public override IReadOnlyDictionary<string, Func<JsonObject, string?>> FieldSelectors { get; } =
        new Dictionary<string, Func<JsonObject, string?>>
        {
            ["spec.nodeName"] = o => o.PathValue("spec.nodeName"),
            ["spec.restartPolicy"] = o => o.PathValue("spec.restartPolicy"),
            ["spec.schedulerName"] = o => o.PathValue("spec.schedulerName"),
            ["spec.serviceAccountName"] = o => o.PathValue("spec.serviceAccountName"),
            ["spec.hostNetwork"] = o => o.PathValue("spec.hostNetwork") ?? "false",
            ["status.phase"] = o => o.PathValue("status.phase"),
            ["status.podIP"] = o => o.PathValue("status.podIP"),
            ["status.nominatedNodeName"] = o => o.PathValue("status.nominatedNodeName"),
        };
}
