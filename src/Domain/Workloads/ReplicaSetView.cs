using System.Globalization;
using System.Text.Json.Nodes;
using Emulator.Domain.Resources;

namespace Emulator.Domain.Workloads;

/// <summary>The numbers of one ReplicaSet that the deployment controller's arithmetic reads.</summary>
public sealed record ReplicaSetView(
    string Name, DateTimeOffset Created, int SpecReplicas, int StatusReplicas, int ReadyReplicas, int AvailableReplicas, long Revision)
{
    public const string RevisionAnnotation = "deployment.kubernetes.io/revision";

    public static ReplicaSetView From(JsonObject rs) => new(
        rs.Name(),
        DateTimeOffset.TryParse(rs.Meta().Str("creationTimestamp"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : DateTimeOffset.MinValue,
        Int(rs["spec"]?["replicas"], 1),
        Int(rs["status"]?["replicas"], 0),
        Int(rs["status"]?["readyReplicas"], 0),
        Int(rs["status"]?["availableReplicas"], 0),
        long.TryParse(rs.Meta()["annotations"].Str(RevisionAnnotation), NumberStyles.Integer, CultureInfo.InvariantCulture, out var r) ? r : 0);

    public static int Int(JsonNode? node, int fallback) => JsonNumber.Int(node, fallback);

    /// <summary>controller.ReplicaSetsByCreationTimestamp: oldest first, ties by name.</summary>
    public static IEnumerable<ReplicaSetView> ByCreation(IEnumerable<ReplicaSetView> sets) =>
        sets.OrderBy(s => s.Created).ThenBy(s => s.Name, StringComparer.Ordinal);
}
