using System.Globalization;
using System.Text.Json.Nodes;
using Emulator.Domain.Printing;

namespace Emulator.Domain.Resources.Core.Pods;

/// <summary>
/// kubectl get pods: printPod in kubernetes/pkg/printers/internalversion/printers.go. The apiserver always prints
/// the wide form (pkg/printers/storage/storage.go passes Wide: true), so every row carries all nine cells.
/// </summary>
public sealed class PodTablePrinter : ITablePrinter
{
    // node.NodeUnreachablePodReason (pkg/util/node): the node controller's reason for pods on a lost node.
    private const string NodeUnreachablePodReason = "NodeLost";

    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        StandardColumns.Name,
        new("Ready", Description: "The aggregate readiness state of this pod for accepting traffic."),
        new("Status", Description: "The aggregate status of the containers in this pod."),
        new("Restarts", Description: "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted."),
        StandardColumns.Age,
        new("IP", Priority: 1, Description: "podIP address allocated to the pod."),
        new("Node", Priority: 1, Description: "NodeName indicates in which node this pod is scheduled."),
        new("Nominated Node", Priority: 1, Description: "nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods."),
        new("Readiness Gates", Priority: 1, Description: "If specified, all readiness gates will be evaluated for pod readiness."),
    ];

    public object?[] Cells(JsonObject obj, DateTimeOffset now)
    {
        var spec = obj["spec"];
        var status = obj["status"];
        var (ready, total, reason, restarts, lastRestart) = Summarize(obj);

        var restartsText = restarts.ToString(CultureInfo.InvariantCulture);
        if (restarts != 0 && lastRestart is { } last)
            restartsText = $"{restarts.ToString(CultureInfo.InvariantCulture)} ({HumanDuration.Format(now - last)} ago)";

        return
        [
            obj.Name(),
            $"{ready}/{total}",
            reason,
            restartsText,
            HumanDuration.Age(obj, now),
            OrNone(PodIp(status)),
            OrNone(JsonRead.Str(spec, "nodeName")),
            OrNone(JsonRead.Str(status, "nominatedNodeName")),
            ReadinessGates(spec, status),
        ];
    }

    /// <summary>The Ready, Status and Restarts logic of printPod, step for step.</summary>
    private static (int Ready, int Total, string Reason, long Restarts, DateTimeOffset? LastRestart) Summarize(JsonObject pod)
    {
        var spec = pod["spec"];
        var status = pod["status"];
        long restarts = 0;
        long restartableInitContainerRestarts = 0;
        var totalContainers = JsonRead.Count(spec, "containers");
        var readyContainers = 0;
        DateTimeOffset? lastRestartDate = null;
        DateTimeOffset? lastRestartableInitContainerRestartDate = null;

        var podPhase = JsonRead.Str(status, "phase");
        var reason = podPhase;
        if (JsonRead.Str(status, "reason") is { Length: > 0 } statusReason) reason = statusReason;

        // A pod held back by scheduling gates shows SchedulingGated.
        foreach (var condition in JsonRead.Arr(status, "conditions"))
            if (JsonRead.Str(condition, "type") == "PodScheduled" && JsonRead.Str(condition, "reason") == "SchedulingGated")
                reason = "SchedulingGated";

        var initContainers = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        foreach (var container in JsonRead.Arr(spec, "initContainers"))
        {
            initContainers[JsonRead.Str(container, "name")] = container;
            // Sidecars (restartable init containers) count towards the Ready total.
            if (IsRestartableInitContainer(container)) totalContainers++;
        }
        var initContainerCount = JsonRead.Count(spec, "initContainers");

        var initializing = false;
        var index = 0;
        foreach (var container in JsonRead.Arr(status, "initContainerStatuses"))
        {
            var i = index++;
            var restartCount = JsonRead.Int(container, "restartCount");
            restarts += restartCount;
            var lastTerminated = JsonRead.Obj(JsonRead.Obj(container, "lastState"), "terminated");
            if (lastTerminated is not null) lastRestartDate = Later(lastRestartDate, lastTerminated["finishedAt"]);

            var restartable = initContainers.TryGetValue(JsonRead.Str(container, "name"), out var initSpec) && IsRestartableInitContainer(initSpec);
            if (restartable)
            {
                restartableInitContainerRestarts += restartCount;
                if (lastTerminated is not null)
                    lastRestartableInitContainerRestartDate = Later(lastRestartableInitContainerRestartDate, lastTerminated["finishedAt"]);
            }

            var state = JsonRead.Obj(container, "state");
            var terminated = JsonRead.Obj(state, "terminated");
            var waiting = JsonRead.Obj(state, "waiting");
            if (terminated is not null && JsonRead.Int(terminated, "exitCode") == 0) continue;
            if (restartable && JsonRead.Bool(container, "started"))
            {
                if (JsonRead.Bool(container, "ready")) readyContainers++;
                continue;
            }
            if (terminated is not null)
            {
                // Initialization failed.
                var terminatedReason = JsonRead.Str(terminated, "reason");
                if (terminatedReason.Length == 0)
                {
                    var signal = JsonRead.Int(terminated, "signal");
                    reason = signal != 0
                        ? $"Init:Signal:{signal.ToString(CultureInfo.InvariantCulture)}"
                        : $"Init:ExitCode:{JsonRead.Int(terminated, "exitCode").ToString(CultureInfo.InvariantCulture)}";
                }
                else reason = "Init:" + terminatedReason;
            }
            else if (waiting is not null && JsonRead.Str(waiting, "reason") is { Length: > 0 } waitingReason && waitingReason != "PodInitializing")
                reason = "Init:" + waitingReason;
            else
                reason = $"Init:{i}/{initContainerCount}";
            initializing = true;
            break;
        }

        if (!initializing || IsPodInitializedConditionTrue(status))
        {
            restarts = restartableInitContainerRestarts;
            lastRestartDate = lastRestartableInitContainerRestartDate;
            var hasRunning = false;
            // Walked backwards so that the first container's state wins the Status cell.
            foreach (var container in JsonRead.Arr(status, "containerStatuses").Reverse())
            {
                restarts += JsonRead.Int(container, "restartCount");
                if (JsonRead.Obj(JsonRead.Obj(container, "lastState"), "terminated") is { } lastTerminated)
                    lastRestartDate = Later(lastRestartDate, lastTerminated["finishedAt"]);

                var state = JsonRead.Obj(container, "state");
                var waiting = JsonRead.Obj(state, "waiting");
                var terminated = JsonRead.Obj(state, "terminated");
                if (waiting is not null && JsonRead.Str(waiting, "reason").Length > 0)
                    reason = JsonRead.Str(waiting, "reason");
                else if (terminated is not null && JsonRead.Str(terminated, "reason").Length > 0)
                    reason = JsonRead.Str(terminated, "reason");
                else if (terminated is not null)
                {
                    var signal = JsonRead.Int(terminated, "signal");
                    reason = signal != 0
                        ? $"Signal:{signal.ToString(CultureInfo.InvariantCulture)}"
                        : $"ExitCode:{JsonRead.Int(terminated, "exitCode").ToString(CultureInfo.InvariantCulture)}";
                }
                else if (JsonRead.Bool(container, "ready") && JsonRead.Has(state, "running"))
                {
                    hasRunning = true;
                    readyContainers++;
                }
            }

            // Back to Running (or NotReady) while at least one container still runs.
            if (reason == "Completed" && hasRunning) reason = HasPodReadyCondition(status) ? "Running" : "NotReady";
        }

        var deleting = JsonRead.Has(pod["metadata"], "deletionTimestamp");
        if (deleting && JsonRead.Str(status, "reason") == NodeUnreachablePodReason) reason = "Unknown";
        else if (deleting && podPhase is not ("Succeeded" or "Failed")) reason = "Terminating";

        return (readyContainers, totalContainers, reason, restarts, lastRestartDate);
    }

    // podutil.IsRestartableInitContainer: restartPolicy Always on an init container makes it a sidecar.
    private static bool IsRestartableInitContainer(JsonNode? container) => JsonRead.Str(container, "restartPolicy") == "Always";

    private static bool IsPodInitializedConditionTrue(JsonNode? status) =>
        JsonRead.Arr(status, "conditions").Any(c => JsonRead.Str(c, "type") == "Initialized" && JsonRead.Str(c, "status") == "True");

    private static bool HasPodReadyCondition(JsonNode? status) =>
        JsonRead.Arr(status, "conditions").Any(c => JsonRead.Str(c, "type") == "Ready" && JsonRead.Str(c, "status") == "True");

    // metav1.Time.Before with the zero time as the earliest.
    private static DateTimeOffset? Later(DateTimeOffset? current, JsonNode? candidate)
    {
        var time = HumanDuration.ParseTime(candidate);
        return time is { } t && (current is null || current < t) ? t : current;
    }

    // The internal PodStatus has only podIPs; the v1 conversion fills it from the legacy podIP when podIPs is empty.
    private static string PodIp(JsonNode? status)
    {
        var first = JsonRead.Arr(status, "podIPs").FirstOrDefault();
        return first is not null ? JsonRead.Str(first, "ip") : JsonRead.Str(status, "podIP");
    }

    private static string ReadinessGates(JsonNode? spec, JsonNode? status)
    {
        var gates = JsonRead.Arr(spec, "readinessGates").ToList();
        if (gates.Count == 0) return "<none>";
        var conditions = JsonRead.Arr(status, "conditions").ToList();
        var trueConditions = gates.Count(gate =>
            conditions.FirstOrDefault(c => JsonRead.Str(c, "type") == JsonRead.Str(gate, "conditionType")) is { } condition
            && JsonRead.Str(condition, "status") == "True");
        return $"{trueConditions}/{gates.Count}";
    }

    private static string OrNone(string value) => value.Length == 0 ? "<none>" : value;
}
