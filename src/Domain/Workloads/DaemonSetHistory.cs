using System.Text.Json.Nodes;
using Emulator.Domain.Resources;

namespace Emulator.Domain.Workloads;

/// <summary>
/// The ControllerRevisions of a DaemonSet (pkg/controller/daemon/update.go: getPatch, Match, snapshot, cleanupHistory).
/// A revision's data is the strategic merge patch {"spec":{"template":{…,"$patch":"replace"}}} with keys sorted as
/// Go's json.Marshal of a map writes them; kubectl rollout undo sends exactly these bytes back as the patch.
/// </summary>
public static class DaemonSetHistory
{
    public const string ChangeCauseAnnotation = "kubernetes.io/change-cause";

    public static JsonObject Data(JsonObject ds)
    {
        var template = ds["spec"]?["template"]?.DeepClone() as JsonObject ?? new JsonObject();
        template["$patch"] = "replace";
        var patch = new JsonObject { ["spec"] = new JsonObject { ["template"] = template } };
        return (JsonObject)JsonNode.Parse(CanonicalJson.Write(patch))!;
    }

    public static bool Matches(JsonObject ds, JsonObject revision) => CanonicalJson.Write(Data(ds)) == CanonicalJson.Write(revision["data"]);

    public static string Hash(JsonObject ds, long? collisionCount) => PodTemplateHash.Compute(ds["spec"]?["template"], collisionCount);

    public static long Revision(JsonObject revision) => JsonNumber.Long(revision["revision"]) ?? 0;

    /// <summary>snapshot(): named "&lt;ds&gt;-&lt;hash&gt;", labelled like the template plus the hash, the set's annotations.</summary>
    public static JsonObject NewRevision(JsonObject ds, string hash, long revision)
    {
        var labels = ds["spec"]?["template"]?["metadata"]?["labels"]?.DeepClone() as JsonObject ?? new JsonObject();
        labels[DaemonSetPlanner.RevisionHashLabel] = hash;
        var meta = new JsonObject
        {
            ["name"] = $"{ds.Name()}-{hash}",
            ["namespace"] = ds.Namespace(),
            ["labels"] = labels,
        };
        if (ds.Meta()["annotations"] is JsonObject { Count: > 0 } annotations) meta["annotations"] = annotations.DeepClone();
        meta["ownerReferences"] = PodFacts.OwnerReferences(ds);
        return new JsonObject
        {
            ["apiVersion"] = "apps/v1", ["kind"] = "ControllerRevision", ["metadata"] = meta,
            ["data"] = Data(ds), ["revision"] = revision,
        };
    }

    /// <summary>cleanupHistory(): beyond revisionHistoryLimit, the oldest old revisions no live pod still runs.</summary>
    public static IReadOnlyList<JsonObject> ToDelete(JsonObject ds, IReadOnlyList<JsonObject> old, IEnumerable<JsonObject> pods)
    {
        var toKill = old.Count - JsonNumber.Int(ds["spec"]?["revisionHistoryLimit"], 10);
        if (toKill <= 0) return [];
        var live = pods.Select(p => p.Labels().GetValueOrDefault(DaemonSetPlanner.RevisionHashLabel)).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var result = new List<JsonObject>();
        foreach (var revision in old.OrderBy(Revision))
        {
            if (result.Count >= toKill) break;
            if (live.Contains(revision.Labels().GetValueOrDefault(DaemonSetPlanner.RevisionHashLabel) ?? "")) continue;
            result.Add(revision);
        }
        return result;
    }
}
