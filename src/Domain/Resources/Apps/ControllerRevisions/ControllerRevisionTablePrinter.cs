using System.Text.Json.Nodes;
using Emulator.Domain.Printing;
using Emulator.Domain.Workloads;

namespace Emulator.Domain.Resources.Apps.ControllerRevisions;

/// <summary>kubectl get controllerrevisions: printControllerRevision in pkg/printers/internalversion/printers.go.</summary>
public sealed class ControllerRevisionTablePrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        StandardColumns.Name,
        new("Controller", Description: "Controller of the object"),
        new("Revision", Type: "integer", Description: "Revision indicates the revision of the state represented by Data."),
        StandardColumns.Age,
    ];

    public object?[] Cells(JsonObject obj, DateTimeOffset now) =>
    [
        obj.Name(),
        Controller(obj),
        JsonNumber.Long(obj["revision"]) ?? 0,
        HumanDuration.Age(obj, now),
    ];

    // formatResourceName(gvk.GroupKind(), name, withKind=true): "daemonset.apps/rng", "<none>" without a controllerRef.
    private static string Controller(JsonObject obj)
    {
        if (PodFacts.ControllerRef(obj) is not { } owner) return "<none>";
        var apiVersion = owner.Str("apiVersion") ?? "";
        var group = apiVersion.Contains('/') ? apiVersion[..apiVersion.IndexOf('/')] : "";
        var kind = owner.Str("kind") ?? "";
        var groupKind = group.Length == 0 ? kind : $"{kind}.{group}";
        return $"{groupKind.ToLowerInvariant()}/{owner.Str("name")}";
    }
}
