using System.Globalization;
using System.Text.Json.Nodes;
using Emulator.Domain.Resources;
using Emulator.Domain.Resources.Apps.DaemonSets;

namespace Emulator.Domain.Workloads;

/// <summary>
/// The pure half of pkg/controller/daemon/{daemon_controller,update}.go: which nodes should run a daemon pod, the pod
/// pinned to a node, what manage() creates and deletes, what rollingUpdate() replaces, and the status counters.
/// Pods are grouped by their target node (spec.nodeName, or the node their matchFields affinity names).
/// </summary>
public static class DaemonSetPlanner
{
    public const string RevisionHashLabel = "controller-revision-hash";
    public const string TemplateGenerationLabel = "pod-template-generation";

    public sealed record Plan(IReadOnlyList<string> NodesToCreate, IReadOnlyList<JsonObject> PodsToDelete)
    {
        public static readonly Plan Nothing = new([], []);

        public bool IsEmpty => NodesToCreate.Count == 0 && PodsToDelete.Count == 0;
    }

    /// <summary>NodeShouldRunDaemonPod: (shouldRun, shouldContinueRunning).</summary>
    public static (bool ShouldRun, bool ShouldContinueRunning) ShouldRun(JsonObject ds, JsonObject node)
    {
        var podSpec = NewPod(ds, node.Name(), "")["spec"];
        if (ds["spec"]?["template"]?["spec"].Str("nodeName") is { Length: > 0 } pinned && pinned != node.Name()) return (false, false);
        if (!NodePlacement.MatchesNodeSelectorAndAffinity(podSpec, node)) return (false, false);
        if (NodePlacement.UntoleratedTaint(node, podSpec, NodePlacement.IsSchedulingTaint) is null) return (true, true);
        // Scheduled daemon pods keep running on a node whose untolerated taints are all NoSchedule.
        return (false, NodePlacement.UntoleratedTaint(node, podSpec, t => t.Str("effect") == "NoExecute") is null);
    }

    /// <summary>
    /// NewPod/CreatePodTemplate: the template with generateName "&lt;ds&gt;-", the controllerRef, the two revision
    /// labels, the daemon tolerations (AddOrUpdateDaemonPodTolerations) and a required node affinity whose matchFields
    /// name the node (ReplaceDaemonSetPodNodeNameNodeAffinity), so the default scheduler binds it there.
    /// </summary>
    public static JsonObject NewPod(JsonObject ds, string nodeName, string hash)
    {
        var pod = ReplicaSetPlanner.PodFromTemplate(ds);
        var meta = pod.Meta();
        if (meta["labels"] is not JsonObject labels) meta["labels"] = labels = new JsonObject();
        labels[TemplateGenerationLabel] = DaemonSetDefaults.TemplateGeneration(ds).ToString(CultureInfo.InvariantCulture);
        if (hash.Length > 0) labels[RevisionHashLabel] = hash;
        var spec = (JsonObject)pod["spec"]!;
        AddDaemonTolerations(spec);
        PinToNode(spec, nodeName);
        return pod;
    }

    private static void AddDaemonTolerations(JsonObject spec)
    {
        if (spec["tolerations"] is not JsonArray tolerations) spec["tolerations"] = tolerations = new JsonArray();
        var wanted = new List<(string Key, string Effect)>
        {
            ("node.kubernetes.io/not-ready", "NoExecute"), ("node.kubernetes.io/unreachable", "NoExecute"),
            ("node.kubernetes.io/disk-pressure", "NoSchedule"), ("node.kubernetes.io/memory-pressure", "NoSchedule"),
            ("node.kubernetes.io/pid-pressure", "NoSchedule"), ("node.kubernetes.io/unschedulable", "NoSchedule"),
        };
        if (spec["hostNetwork"] is JsonValue h && h.TryGetValue<bool>(out var hostNetwork) && hostNetwork)
            wanted.Add(("node.kubernetes.io/network-unavailable", "NoSchedule"));
        foreach (var (key, effect) in wanted)
        {
            var toleration = new JsonObject { ["key"] = key, ["operator"] = "Exists", ["effect"] = effect };
            // AddOrUpdateTolerationInPodSpec: an equal toleration already there is kept as is.
            if (!tolerations.OfType<JsonObject>().Any(t => t.Str("key") == key && t.Str("effect") == effect && (t.Str("operator") ?? "Equal") == "Exists"))
                tolerations.Add(toleration);
        }
    }

    private static void PinToNode(JsonObject spec, string nodeName)
    {
        var fields = new JsonArray(new JsonObject { ["key"] = "metadata.name", ["operator"] = "In", ["values"] = new JsonArray(nodeName) });
        if (spec["affinity"] is not JsonObject affinity) spec["affinity"] = affinity = new JsonObject();
        if (affinity["nodeAffinity"] is not JsonObject nodeAffinity) affinity["nodeAffinity"] = nodeAffinity = new JsonObject();
        if (nodeAffinity["requiredDuringSchedulingIgnoredDuringExecution"] is not JsonObject required)
            nodeAffinity["requiredDuringSchedulingIgnoredDuringExecution"] = required = new JsonObject();
        if (required["nodeSelectorTerms"] is JsonArray { Count: > 0 } terms)
        {
            foreach (var term in terms.OfType<JsonObject>()) term["matchFields"] = fields.DeepClone();
            return;
        }
        required["nodeSelectorTerms"] = new JsonArray(new JsonObject { ["matchFields"] = fields });
    }

    /// <summary>IsPodUpdated: the revision hash or the template generation label matches.</summary>
    public static bool IsUpdated(JsonObject ds, JsonObject pod, string hash)
    {
        var labels = pod.Labels();
        return (hash.Length > 0 && labels.GetValueOrDefault(RevisionHashLabel) == hash)
            || labels.GetValueOrDefault(TemplateGenerationLabel) == DaemonSetDefaults.TemplateGeneration(ds).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The set's pods by target node, terminal pods being deleted left out (getNodesToDaemonPods(ds, false)).</summary>
    public static Dictionary<string, List<JsonObject>> PodsByNode(IEnumerable<JsonObject> pods)
    {
        var result = new Dictionary<string, List<JsonObject>>(StringComparer.Ordinal);
        foreach (var pod in pods)
        {
            if (PodFacts.IsTerminating(pod) && PodFacts.Phase(pod) is "Succeeded" or "Failed") continue;
            if (NodePlacement.TargetNodeName(pod) is not { } node) continue;
            if (!result.TryGetValue(node, out var list)) result[node] = list = [];
            list.Add(pod);
        }
        return result;
    }

    /// <summary>
    /// manage() with podsShouldBeOnNode(): a pod for every node that should run one and has none; failed and
    /// succeeded pods, extra running pods (all but the oldest, without surge) and pods on nodes that should not
    /// keep them are deleted. Pods whose node is gone are deleted too (what the pod GC does for a real cluster).
    /// </summary>
    public static Plan Manage(JsonObject ds, IReadOnlyList<JsonObject> nodes, IReadOnlyList<JsonObject> pods)
    {
        var byNode = PodsByNode(pods);
        var create = new List<string>();
        var delete = new List<JsonObject>();
        var surge = AllowsSurge(ds);
        foreach (var node in nodes.OrderBy(n => n.Name(), StringComparer.Ordinal))
        {
            var (shouldRun, shouldContinue) = ShouldRun(ds, node);
            var onNode = byNode.GetValueOrDefault(node.Name()) ?? [];
            if (shouldRun && onNode.Count == 0)
            {
                create.Add(node.Name());
                continue;
            }
            if (shouldContinue)
            {
                var running = new List<JsonObject>();
                foreach (var pod in onNode.Where(p => !PodFacts.IsTerminating(p)))
                {
                    if (PodFacts.Phase(pod) is "Failed" or "Succeeded") delete.Add(pod);
                    else running.Add(pod);
                }
                // With surge the rolling update owns the second pod of a node.
                if (!surge && running.Count > 1) delete.AddRange(OldestFirst(running).Skip(1));
                continue;
            }
            if (onNode.Count > 0) delete.AddRange(onNode.Where(p => !PodFacts.IsTerminating(p)));
        }
        var known = nodes.Select(n => n.Name()).ToHashSet(StringComparer.Ordinal);
        delete.AddRange(byNode.Where(e => !known.Contains(e.Key)).SelectMany(e => e.Value).Where(p => !PodFacts.IsTerminating(p)));
        return new Plan(create, delete);
    }

    /// <summary>podByCreationTimestampAndPhase: scheduled first, then oldest, then by name.</summary>
    public static IEnumerable<JsonObject> OldestFirst(IEnumerable<JsonObject> pods) => pods
        .OrderBy(p => string.IsNullOrEmpty(p["spec"].Str("nodeName")) ? 1 : 0)
        .ThenBy(p => PodFacts.Time(p.Meta()["creationTimestamp"]) ?? DateTimeOffset.MaxValue)
        .ThenBy(p => p.Name(), StringComparer.Ordinal);

    public static bool AllowsSurge(JsonObject ds) =>
        ds["spec"]?["updateStrategy"].Str("type") == "RollingUpdate"
        && IntOrPercent.Scaled(ds["spec"]?["updateStrategy"]?["rollingUpdate"]?["maxSurge"], 1, roundUp: true) > 0;

    /// <summary>
    /// rollingUpdate(): without surge, old pods are deleted while fewer than maxUnavailable pods are unavailable (an
    /// unavailable old pod always may go), and manage() then creates their replacements; with surge, a new pod is
    /// created beside an old one (at most maxSurge at a time) and the old one deleted once the new one is available.
    /// </summary>
    public static Plan RollingUpdate(JsonObject ds, IReadOnlyList<JsonObject> nodes, IReadOnlyList<JsonObject> pods, string hash, DateTimeOffset now)
    {
        var byNode = PodsByNode(pods);
        var desired = 0;
        var nodeByName = nodes.ToDictionary(n => n.Name(), StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            if (!ShouldRun(ds, node).ShouldRun) continue;
            desired++;
            byNode.TryAdd(node.Name(), []);
        }
        var rolling = ds["spec"]?["updateStrategy"]?["rollingUpdate"];
        var maxUnavailable = IntOrPercent.Scaled(rolling?["maxUnavailable"], desired, roundUp: true);
        var maxSurge = IntOrPercent.Scaled(rolling?["maxSurge"], desired, roundUp: true);
        if (desired > 0 && maxUnavailable == 0 && maxSurge == 0) maxUnavailable = 1;
        var minReady = JsonNumber.Int(ds["spec"]?["minReadySeconds"], 0);
        bool Available(JsonObject p) => PodFacts.IsAvailable(p, minReady, now);
        var ordered = byNode.OrderBy(e => e.Key, StringComparer.Ordinal).ToList();

        if (maxSurge == 0)
        {
            var unavailable = 0;
            var replace = new List<JsonObject>();
            var candidates = new List<JsonObject>();
            foreach (var (_, onNode) in ordered)
            {
                if (!Split(ds, onNode, hash, out var newPod, out var oldPod))
                {
                    unavailable++;
                    continue;
                }
                if ((oldPod is null) == (newPod is null)) unavailable++;
                else if (newPod is not null) { if (!Available(newPod)) unavailable++; }
                else if (!Available(oldPod!)) replace.Add(oldPod!);
                else if (unavailable < maxUnavailable) candidates.Add(oldPod!);
            }
            var remaining = Math.Clamp(maxUnavailable - unavailable, 0, candidates.Count);
            return new Plan([], [.. replace, .. candidates.Take(remaining)]);
        }

        var surged = 0;
        var allowed = new List<string>();
        var surgeCandidates = new List<string>();
        var deletions = new List<JsonObject>();
        foreach (var (nodeName, onNode) in ordered)
        {
            if (!Split(ds, onNode, hash, out var newPod, out var oldPod))
            {
                surged++;
                continue;
            }
            if (oldPod is null) continue;
            var runsHere = nodeByName.TryGetValue(nodeName, out var node) && ShouldRun(ds, node).ShouldRun;
            if (newPod is null)
            {
                if (!runsHere) deletions.Add(oldPod);
                else if (!Available(oldPod)) allowed.Add(nodeName);
                else if (surged < maxSurge) surgeCandidates.Add(nodeName);
                continue;
            }
            if (!Available(newPod)) surged++;
            else deletions.Add(oldPod);
        }
        var remainingSurge = Math.Clamp(maxSurge - surged, 0, surgeCandidates.Count);
        return new Plan([.. allowed, .. surgeCandidates.Take(remainingSurge)], deletions);
    }

    /// <summary>findUpdatedPodsOnNode: at most one new and one old live pod, or false.</summary>
    private static bool Split(JsonObject ds, IEnumerable<JsonObject> onNode, string hash, out JsonObject? newPod, out JsonObject? oldPod)
    {
        newPod = oldPod = null;
        foreach (var pod in onNode.Where(p => !PodFacts.IsTerminating(p)))
        {
            if (IsUpdated(ds, pod, hash))
            {
                if (newPod is not null) return false;
                newPod = pod;
            }
            else
            {
                if (oldPod is not null) return false;
                oldPod = pod;
            }
        }
        return true;
    }

    /// <summary>storeDaemonSetStatus: the counters over the nodes, looking at the oldest pod of each.</summary>
    public static JsonObject Status(JsonObject ds, IReadOnlyList<JsonObject> nodes, IReadOnlyList<JsonObject> pods, string hash, DateTimeOffset now)
    {
        var byNode = PodsByNode(pods);
        var minReady = JsonNumber.Int(ds["spec"]?["minReadySeconds"], 0);
        int desired = 0, current = 0, ready = 0, available = 0, updated = 0, misscheduled = 0;
        foreach (var node in nodes)
        {
            var onNode = byNode.GetValueOrDefault(node.Name()) ?? [];
            if (!ShouldRun(ds, node).ShouldRun)
            {
                if (onNode.Count > 0) misscheduled++;
                continue;
            }
            desired++;
            if (onNode.Count == 0) continue;
            current++;
            var pod = OldestFirst(onNode).First();
            if (PodFacts.IsReady(pod))
            {
                ready++;
                if (PodFacts.IsAvailable(pod, minReady, now)) available++;
            }
            if (IsUpdated(ds, pod, hash)) updated++;
        }
        // Go's DaemonSetStatus: the first four counters have no omitempty, the others do.
        var status = new JsonObject
        {
            ["currentNumberScheduled"] = current,
            ["numberMisscheduled"] = misscheduled,
            ["desiredNumberScheduled"] = desired,
            ["numberReady"] = ready,
            ["observedGeneration"] = JsonNumber.Long(ds.Meta()["generation"]) ?? 1,
        };
        if (updated != 0) status["updatedNumberScheduled"] = updated;
        if (available != 0) status["numberAvailable"] = available;
        if (desired - available != 0) status["numberUnavailable"] = desired - available;
        if (JsonNumber.Long(ds["status"]?["collisionCount"]) is { } collisions) status["collisionCount"] = collisions;
        if (ds["status"]?["conditions"] is JsonArray { Count: > 0 } conditions) status["conditions"] = conditions.DeepClone();
        return status;
    }
}
