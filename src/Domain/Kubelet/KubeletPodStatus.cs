using System.Text.Json.Nodes;
using Emulator.Domain.Resources;
using Emulator.Domain.Workloads;

namespace Emulator.Domain.Kubelet;

/// <summary>
/// The status the kubelet writes once a pod's sandbox exists (kubelet_pods.go generateAPIPodStatus and getPhase,
/// status/generate.go): phase from the container states and the restart policy, the five conditions, and one
/// containerStatus per container with state, lastState.terminated and restartCount.
/// </summary>
public static class KubeletPodStatus
{
    public static JsonObject Build(JsonObject pod, string hostIp, string podIp, IReadOnlyList<ContainerSnapshot> containers, string now,
        IReadOnlyList<ContainerSnapshot>? initContainers = null, bool initialized = true, bool podIsTerminal = false)
    {
        var policy = pod["spec"].Str("restartPolicy") ?? "Always";
        var init = initContainers ?? [];
        // getPhase: a pod still initializing is Pending, unless a failed init container will not be restarted (Never).
        var phase = policy == "Never" && init.Any(c => !c.Sidecar && c.Terminated is { ExitCode: not 0 }) ? "Failed"
            : !initialized ? "Pending"
            : Phase(policy, containers, podIsTerminal);
        var terminal = phase is "Succeeded" or "Failed";
        var old = pod["status"] as JsonObject;
        var status = new JsonObject
        {
            ["phase"] = phase, ["hostIP"] = hostIp, ["hostIPs"] = new JsonArray(new JsonObject { ["ip"] = hostIp }),
            ["podIP"] = podIp, ["podIPs"] = new JsonArray(new JsonObject { ["ip"] = podIp }),
            ["startTime"] = old?["startTime"]?.DeepClone() ?? now, ["qosClass"] = old?["qosClass"]?.DeepClone() ?? "BestEffort",
        };
        var unready = init.Where(c => c.Sidecar).Concat(containers).Where(c => !c.Ready).Select(c => c.Name).ToList();
        var incomplete = init.Where(c => c.Sidecar ? !c.Started : c.Terminated is not { ExitCode: 0 }).Select(c => c.Name).ToList();
        var conditions = old?["conditions"]?.DeepClone() as JsonArray ?? [];
        Conditions.Set(conditions, Condition("PodReadyToStartContainers", terminal ? "False" : "True", null, null, now));
        Conditions.Set(conditions, initialized || incomplete.Count == 0 ? Condition("Initialized", "True", null, null, now)
            : Condition("Initialized", "False", "ContainersNotInitialized", $"containers with incomplete status: [{string.Join(" ", incomplete)}]", now));
        foreach (var type in new[] { "Ready", "ContainersReady" })
        {
            Conditions.Set(conditions, terminal ? Condition(type, "False", "PodCompleted", null, now)
                : unready.Count == 0 ? Condition(type, "True", null, null, now)
                : Condition(type, "False", "ContainersNotReady", $"containers with unready status: [{string.Join(" ", unready)}]", now));
        }
        if (Conditions.Find(conditions, "PodScheduled") is null) Conditions.Set(conditions, Condition("PodScheduled", "True", null, null, now));
        status["conditions"] = Ordered(conditions);
        var statuses = new JsonArray();
        foreach (var c in containers) statuses.Add(ContainerStatus(c));
        status["containerStatuses"] = statuses;
        if (init.Count > 0)
        {
            var initStatuses = new JsonArray();
            // An init container that completed successfully reports ready, as the kubelet's status manager marks it.
            foreach (var c in init) initStatuses.Add(ContainerStatus(!c.Sidecar && c.Terminated is { ExitCode: 0 } ? c with { Ready = true } : c));
            status["initContainerStatuses"] = initStatuses;
        }
        return status;
    }

    /// <summary>
    /// getPhase: waiting-never-ran is Pending; anything running is Running; all stopped depends on the restart policy,
    /// unless the pod is terminal (SyncTerminatingPod's last status, after killPod): its containers will never restart,
    /// so it is Succeeded when every one exited 0 and Failed otherwise, whatever the policy.
    /// </summary>
    public static string Phase(string restartPolicy, IReadOnlyList<ContainerSnapshot> containers, bool podIsTerminal = false)
    {
        int waiting = 0, running = 0, stopped = 0, succeeded = 0;
        foreach (var c in containers)
        {
            if (c.IsRunning) running++;
            else if (c.Terminated is { } t)
            {
                stopped++;
                if (t.ExitCode == 0) succeeded++;
            }
            else if (c.LastTerminated is { } last)
            {
                stopped++;
                if (last.ExitCode == 0) succeeded++;
            }
            else waiting++;
        }
        if (waiting > 0) return "Pending";
        if (running > 0) return "Running";
        if (stopped == 0) return "Pending";
        if (podIsTerminal) return stopped == succeeded ? "Succeeded" : "Failed";
        return restartPolicy switch
        {
            "Always" => "Running",
            "OnFailure" => stopped == succeeded ? "Succeeded" : "Running",
            _ => stopped == succeeded ? "Succeeded" : "Failed",
        };
    }

    private static JsonObject ContainerStatus(ContainerSnapshot c)
    {
        var image = ImageReference.Parse(c.Image);
        var status = new JsonObject();
        if (c.ContainerId is not null) status["containerID"] = $"containerd://{c.ContainerId}";
        status["image"] = image.Normalized;
        status["imageID"] = image.ImageId;
        status["lastState"] = c.LastTerminated is { } last ? new JsonObject { ["terminated"] = Terminated(last) } : new JsonObject();
        status["name"] = c.Name;
        status["ready"] = c.Ready;
        status["restartCount"] = c.RestartCount;
        status["started"] = c.Started;
        JsonObject state;
        if (c.WaitingReason is not null)
        {
            var waiting = new JsonObject();
            if (c.WaitingMessage is not null) waiting["message"] = c.WaitingMessage;
            waiting["reason"] = c.WaitingReason;
            state = new JsonObject { ["waiting"] = waiting };
        }
        else if (c.Terminated is { } t) state = new JsonObject { ["terminated"] = Terminated(t) };
        else state = new JsonObject { ["running"] = new JsonObject { ["startedAt"] = c.RunningSince } };
        status["state"] = state;
        return status;
    }

    private static JsonObject Terminated(TerminatedState t) => new()
    {
        ["containerID"] = $"containerd://{t.ContainerId}", ["exitCode"] = t.ExitCode, ["finishedAt"] = t.FinishedAt,
        ["reason"] = t.Reason, ["startedAt"] = t.StartedAt,
    };

    private static JsonArray Ordered(JsonArray conditions)
    {
        string[] order = ["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"];
        var result = new JsonArray();
        foreach (var c in conditions.OfType<JsonObject>().OrderBy(c => Array.IndexOf(order, c.Str("type")) is var i && i < 0 ? 99 : i))
            result.Add(c.DeepClone());
        return result;
    }

    private static JsonObject Condition(string type, string status, string? reason, string? message, string now)
    {
        var c = new JsonObject { ["type"] = type, ["status"] = status, ["lastProbeTime"] = null, ["lastTransitionTime"] = now };
        if (reason is not null) c["reason"] = reason;
        if (message is not null) c["message"] = message;
        return c;
    }
}
