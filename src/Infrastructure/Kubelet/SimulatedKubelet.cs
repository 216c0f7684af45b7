using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Emulator.Domain.Errors;
using Emulator.Domain.Kubelet;
using Emulator.Domain.Resources;
using Emulator.Domain.Workloads;
using Emulator.Infrastructure.Controllers.Framework;
using Emulator.Infrastructure.Registry;
using Emulator.Infrastructure.Storage;
using Emulator.Infrastructure.Workloads;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Emulator.Infrastructure.Kubelet;

/// <summary>
/// The kubelets of all simulated nodes in one loop, level-triggered per pod and staged as KWOK does: a pod bound to
/// one of our nodes shows ContainerCreating, after <see cref="KubeletOptions.ContainerCreatingDelay"/> gets an IP from
/// its node's /24 and its containers start as image emulations (Running, Ready); a pod being deleted stops, and after
/// its (capped) grace period the kubelet deletes it for good. It has its own work queue with several workers and
/// delayed requeues, because the stages wait on time, not only on watch events.
/// </summary>
public sealed partial class SimulatedKubelet(GenericRegistry registry, WorkloadKinds kinds, ClusterOptions cluster, KubeletOptions options,
    ContainerStarter starter, PodLogs logs, EventRecorder events, TimeProvider time, ILogger<SimulatedKubelet> logger) : BackgroundService
{
    private const int Workers = 8;
    private static readonly TimeSpan Resync = TimeSpan.FromSeconds(30);
    private readonly WorkQueue<ObjectKey> _queue = new();
    private readonly ConcurrentDictionary<ObjectKey, PodRuntime> _pods = new();
    private readonly PodIpAllocator _ips = new();
    private readonly Lock _ipGate = new();

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        var resource = WorkloadKinds.KeyOf(kinds.Pods);
        var (subscription, _, _, _) = registry.Store.Watch(resource, null, registry.Store.Revision, false);
        try
        {
            EnqueueAll();
            var workers = Enumerable.Range(0, Workers).Select(_ => WorkAsync(ct)).ToList();
            await Task.WhenAll([PumpAsync(subscription, ct), ResyncAsync(ct), .. workers]);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        finally
        {
            subscription.Dispose();
            foreach (var runtime in _pods.Values) await runtime.StopProcessesAsync();
        }
    }

    /// <summary>
    /// Where <c>kubectl exec</c> runs in a pod's container: the running instance's files, environment and network, or
    /// null when that container is not running here (the kubelet's "container not found").
    /// </summary>
    public Emulator.Domain.Kubelet.Shell.ShellHost? ExecHost(string ns, string pod, string uid, string container)
    {
        if (!_pods.TryGetValue(WorkloadKinds.ObjectKeyOf(kinds.Pods, ns, pod), out var runtime) || runtime.Uid != uid) return null;
        var found = runtime.Containers.Concat(runtime.InitContainers).FirstOrDefault(c => c.Name == container);
        return found is { IsRunning: true } ? found.ExecHost : null;
    }

    /// <summary>The running container for kubectl attach: its console when it has an open stdin (null otherwise); false when not running.</summary>
    public bool TryAttach(string ns, string pod, string uid, string container, out Emulator.Domain.Kubelet.Exec.ContainerConsole? console)
    {
        console = null;
        if (!_pods.TryGetValue(WorkloadKinds.ObjectKeyOf(kinds.Pods, ns, pod), out var runtime) || runtime.Uid != uid) return false;
        var found = runtime.Containers.Concat(runtime.InitContainers).FirstOrDefault(c => c.Name == container);
        if (found is not { IsRunning: true }) return false;
        console = found.Console;
        return true;
    }

    private void EnqueueAll()
    {
        foreach (var pod in registry.Store.List(WorkloadKinds.KeyOf(kinds.Pods), null).Items)
            _queue.Add(WorkloadKinds.ObjectKeyOf(kinds.Pods, pod.Object.Namespace() ?? "", pod.Object.Name()));
        foreach (var key in _pods.Keys) _queue.Add(key);
    }

    private async Task PumpAsync(Watch.WatchSubscription subscription, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            while (await subscription.Events.WaitToReadAsync(ct))
                while (subscription.Events.TryRead(out var e)) _queue.Add(e.Key);
            // Dropped for falling behind: catch up from the current state and watch again.
            EnqueueAll();
            subscription = registry.Store.Watch(subscription.Resource, null, registry.Store.Revision, false).Subscription;
        }
    }

    private async Task ResyncAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(Resync, time);
        while (await timer.WaitForNextTickAsync(ct)) EnqueueAll();
    }

    private async Task WorkAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var key = await _queue.TakeAsync(ct);
            try
            {
                if (await SyncPodAsync(key, ct) is { } after) _ = RequeueAsync(key, after, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                LogSyncFailed(logger, key.Namespace, key.Name, e);
                _ = RequeueAsync(key, TimeSpan.FromMilliseconds(200), ct);
            }
            finally
            {
                _queue.Done(key);
            }
        }
    }

    private async Task RequeueAsync(ObjectKey key, TimeSpan after, CancellationToken ct)
    {
        try
        {
            await Task.Delay(after, time, ct);
            _queue.Add(key);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>One level-triggered pass over a pod; returns when to look again, if the pod waits on time.</summary>
    private async Task<TimeSpan?> SyncPodAsync(ObjectKey key, CancellationToken ct)
    {
        var pod = registry.Store.Get(key)?.Object;
        _pods.TryGetValue(key, out var runtime);
        if (pod is null || (runtime is not null && runtime.Uid != pod.Meta().Str("uid")))
        {
            await ForgetAsync(key, runtime, podGone: pod is null);
            if (pod is null) return null;
            runtime = null;
        }
        if (SimulatedNodes.IndexOf(pod["spec"].Str("nodeName") ?? "") is not { } index || index > cluster.Nodes) return null;
        var now = time.GetUtcNow();
        var uid = pod.Meta().Str("uid")!;
        var hostIp = SimulatedNodes.InternalIp(index);
        var cidr = SimulatedNodes.PodCidr(cluster.PodCidr, index);

        if (PodFacts.IsTerminating(pod)) return await TerminateAsync(key, pod, runtime ?? _pods.GetOrAdd(key, new PodRuntime(uid, cidr, now)), hostIp, now, ct);
        if (PodFacts.Phase(pod) is "Succeeded" or "Failed")
        {
            if (runtime is not null) await runtime.StopProcessesAsync();
            return null;
        }

        if (runtime is null)
        {
            runtime = new PodRuntime(uid, cidr, now);
            if (PodFacts.Phase(pod) == "Running" && pod["status"].Str("podIP") is { Length: > 0 } ip)
            {
                // Found running after a restart of the emulator: the containers come back on the same address.
                lock (_ipGate) _ips.Reserve(cidr, ip);
                runtime.PodIp = ip;
                _pods[key] = runtime;
                // A Running pod had finished its init containers: they stay completed, its sidecars start again.
                foreach (var spec in InitContainers(pod))
                {
                    var init = NewContainer(spec, init: true);
                    var stored = (pod["status"]?["initContainerStatuses"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(s => s.Str("name") == init.Name);
                    init.Instance = JsonNumber.Int(stored?["restartCount"], 0) - (init.IsSidecar ? 1 : 0);
                    runtime.InitContainers.Add(init);
                    if (init.IsSidecar) await StartContainerAsync(key, pod, runtime, init, hostIp, recordEvents: false, ct);
                    else if (stored?["state"]?["terminated"] is JsonObject t)
                        init.Terminated = new TerminatedState(JsonNumber.Int(t["exitCode"], 0), t.Str("reason") ?? "Completed", t.Str("startedAt") ?? "",
                            t.Str("finishedAt") ?? "", (t.Str("containerID") ?? "").Replace("containerd://", "", StringComparison.Ordinal));
                    else init.Terminated = new TerminatedState(0, "Completed", "", "", "");
                }
                runtime.Initialized = true;
                foreach (var spec in Containers(pod))
                {
                    var container = NewContainer(spec);
                    var previous = (pod["status"]?["containerStatuses"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(s => s.Str("name") == container.Name);
                    container.Instance = JsonNumber.Int(previous?["restartCount"], 0) - 1;
                    if (previous?["lastState"]?["terminated"] is JsonObject last)
                    {
                        container.LastTerminated = new TerminatedState(JsonNumber.Int(last["exitCode"], 0), last.Str("reason") ?? "Error",
                            last.Str("startedAt") ?? "", last.Str("finishedAt") ?? "", (last.Str("containerID") ?? "").Replace("containerd://", "", StringComparison.Ordinal));
                    }
                    runtime.Containers.Add(container);
                    await StartContainerAsync(key, pod, runtime, container, hostIp, recordEvents: false, ct);
                }
                runtime.Running = true;
            }
            else
            {
                _pods[key] = runtime;
                await WriteStatusAsync(key, uid, current => PodStatusPlanner.ContainerCreating(current, hostIp, SystemFields.Timestamp(now)), ct);
                return options.ContainerCreatingDelay;
            }
        }

        if (!runtime.Running)
        {
            var remaining = runtime.CreatingSince + options.ContainerCreatingDelay - now;
            if (remaining > TimeSpan.Zero) return remaining;
            string? ip;
            lock (_ipGate) ip = _ips.Allocate(cidr);
            if (ip is null) return TimeSpan.FromSeconds(5);
            runtime.PodIp = ip;
            foreach (var spec in InitContainers(pod)) runtime.InitContainers.Add(NewContainer(spec, init: true));
            runtime.Initialized = runtime.InitContainers.Count == 0;
            foreach (var spec in Containers(pod))
            {
                var container = NewContainer(spec);
                runtime.Containers.Add(container);
                // With init containers the app containers wait (PodInitializing) until SyncContainersAsync has run them all.
                if (runtime.Initialized) await StartContainerAsync(key, pod, runtime, container, hostIp, recordEvents: true, ct);
            }
            foreach (var c in runtime.InitContainers.Concat(runtime.Initialized ? [] : runtime.Containers)) c.WaitingReason = "PodInitializing";
            runtime.Running = true;
        }
        var next = await SyncContainersAsync(key, pod, runtime, hostIp, ct);
        var snapshots = runtime.Containers.Select(c => c.Snapshot()).ToList();
        var initSnapshots = runtime.InitContainers.Select(c => c.Snapshot()).ToList();
        var desired = KubeletPodStatus.Build(pod, hostIp, runtime.PodIp!, snapshots, SystemFields.Timestamp(time.GetUtcNow()), initSnapshots, runtime.Initialized);
        if (!JsonNode.DeepEquals(desired, pod["status"]))
        {
            await WriteStatusAsync(key, uid, current => KubeletPodStatus.Build(current, hostIp, runtime.PodIp!, snapshots,
                SystemFields.Timestamp(time.GetUtcNow()), initSnapshots, runtime.Initialized), ct);
        }
        if (desired.Str("phase") is "Succeeded" or "Failed")
        {
            await runtime.StopProcessesAsync();
            return null;
        }
        return next;
    }

    private static IEnumerable<JsonObject> Containers(JsonObject pod) => (pod["spec"]?["containers"] as JsonArray)?.OfType<JsonObject>() ?? [];

    private static IEnumerable<JsonObject> InitContainers(JsonObject pod) => (pod["spec"]?["initContainers"] as JsonArray)?.OfType<JsonObject>() ?? [];

    private ContainerRuntime NewContainer(JsonObject spec, bool init = false) =>
        new(spec, new RestartBackOff(options.RestartBackOffBase, options.RestartBackOffMax), init);

    /// <summary>
    /// The container half of kubelet's SyncPod: notices exits, runs the probes that are due (a failed liveness or
    /// startup probe kills the container), restarts per restartPolicy after the crash-loop back-off. Returns when the
    /// next probe or restart is due.
    /// </summary>
    private async Task<TimeSpan?> SyncContainersAsync(ObjectKey key, JsonObject pod, PodRuntime runtime, string hostIp, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        TimeSpan? next = null;
        void Due(DateTimeOffset at)
        {
            var wait = at - time.GetUtcNow();
            if (wait < TimeSpan.FromMilliseconds(10)) wait = TimeSpan.FromMilliseconds(10);
            if (next is null || wait < next) next = wait;
        }
        var policy = pod["spec"].Str("restartPolicy") ?? "Always";
        if (!runtime.Initialized)
        {
            // kuberuntime computeInitContainerActions: init containers run one at a time, in order; a sidecar only has to
            // have started (its startup probe passed) before the next one starts. A failed init container restarts
            // unless restartPolicy is Never, and then the pod fails.
            var pending = false;
            foreach (var c in runtime.InitContainers)
            {
                if (c.Instance >= 0)
                    await SyncContainerAsync(key, pod, runtime, c, c.IsSidecar ? "Always" : policy == "Never" ? "Never" : "OnFailure", hostIp, now, Due, ct);
                if (c.Instance < 0)
                {
                    await StartContainerAsync(key, pod, runtime, c, hostIp, recordEvents: true, ct);
                    Due(time.GetUtcNow());
                }
                if (c.IsSidecar ? c.IsRunning && c.Started : c.Terminated is { ExitCode: 0 }) continue;
                pending = true;
                break;
            }
            if (pending) return next;
            runtime.Initialized = true;
            foreach (var c in runtime.Containers.Where(c => c.Instance < 0))
                await StartContainerAsync(key, pod, runtime, c, hostIp, recordEvents: true, ct);
        }
        else
        {
            foreach (var c in runtime.InitContainers.Where(c => c.IsSidecar && !runtime.SidecarsStopped))
                await SyncContainerAsync(key, pod, runtime, c, "Always", hostIp, now, Due, ct);
        }
        foreach (var c in runtime.Containers) await SyncContainerAsync(key, pod, runtime, c, policy, hostIp, now, Due, ct);
        if (policy != "Always" && !runtime.SidecarsStopped && runtime.InitContainers.Any(c => c.IsSidecar)
            && runtime.Containers.All(c => c.Terminated is { } t && c.RestartAt is null && !Restarts(policy, t.ExitCode)))
        {
            // Every app container of a Job-like pod is done: the kubelet stops its sidecars, which do not hold the pod.
            runtime.SidecarsStopped = true;
            foreach (var c in runtime.InitContainers.Where(c => c.IsSidecar && c.IsRunning))
            {
                await events.RecordAsync(pod, "Normal", "Killing", $"Stopping container {c.Name}", "kubelet", pod["spec"].Str("nodeName"), ct, c.FieldPath);
                await EndAsync(pod, c, c.StopExitCode, time.GetUtcNow());
                c.RestartAt = null;
            }
        }
        return next;
    }

    /// <summary>One container's pass: notices its exit, runs its due probes, restarts it per policy after the back-off.</summary>
    private async Task SyncContainerAsync(ObjectKey key, JsonObject pod, PodRuntime runtime, ContainerRuntime c, string policy, string hostIp,
        DateTimeOffset now, Action<DateTimeOffset> Due, CancellationToken ct)
    {
        if (c.IsRunning && c.Exited.Task.IsCompleted) await EndAsync(pod, c, c.Exited.Task.Result, now);
        else if (c.IsRunning) await ProbeAsync(pod, runtime, c, policy, ct);
        if (c.IsRunning)
        {
            foreach (var tracker in new[] { c.Startup, c.Liveness, c.Readiness })
                if (tracker is not null && (tracker.Spec.Kind == ProbeKind.Startup) != c.Started) Due(tracker.NextDue);
            return;
        }
        if (c.RestartAt is null && c.Terminated is { } ended && Restarts(policy, ended.ExitCode))
        {
            var delay = c.BackOff.DelayBeforeRestart(PodFacts.Time(JsonValue.Create(ended.FinishedAt)) ?? now, now);
            c.RestartAt = now + delay;
            if (delay > TimeSpan.Zero)
            {
                c.LastTerminated = ended;
                c.Terminated = null;
                c.WaitingReason = "CrashLoopBackOff";
                c.WaitingMessage = $"back-off {GoDuration.Format(c.BackOff.Current ?? delay)} restarting failed container={c.Name} pod={PodRef(pod)}";
                await events.RecordAsync(pod, "Warning", "BackOff", $"Back-off restarting failed container {c.Name} in pod {PodRef(pod)}", "kubelet",
                    pod["spec"].Str("nodeName"), ct, c.FieldPath);
            }
        }
        if (c.RestartAt is { } at)
        {
            if (at <= time.GetUtcNow())
            {
                c.BackOff.Restarted(time.GetUtcNow());
                await StartContainerAsync(key, pod, runtime, c, hostIp, recordEvents: true, ct);
                Due(time.GetUtcNow());
            }
            else Due(at);
        }
    }

    /// <summary>Starts an instance and looks at the pod again as soon as it exits on its own (the PLEG's ContainerDied).</summary>
    private async Task StartContainerAsync(ObjectKey key, JsonObject pod, PodRuntime runtime, ContainerRuntime c, string hostIp, bool recordEvents,
        CancellationToken ct)
    {
        await starter.StartAsync(pod, runtime, c, hostIp, recordEvents, ct);
        _ = c.Exited.Task.ContinueWith(_ => _queue.Add(key), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private static bool Restarts(string policy, int exitCode) => policy == "Always" || (policy == "OnFailure" && exitCode != 0);

    /// <summary>format.Pod: name_namespace(uid).</summary>
    private static string PodRef(JsonObject pod) => $"{pod.Name()}_{pod.Namespace()}({pod.Meta().Str("uid")})";

    private async Task EndAsync(JsonObject pod, ContainerRuntime c, int exitCode, DateTimeOffset now)
    {
        await c.StopAsync();
        c.Ready = false;
        c.Terminated = new TerminatedState(exitCode, TerminatedState.ReasonFor(exitCode), c.RunningSince ?? SystemFields.Timestamp(now),
            SystemFields.Timestamp(now), c.ContainerId ?? "");
        logs.End(pod.Namespace() ?? "default", pod.Name(), c.Name);
    }

    /// <summary>The probe workers of one running container: startup until it succeeds, then liveness and readiness.</summary>
    private async Task ProbeAsync(JsonObject pod, PodRuntime runtime, ContainerRuntime c, string policy, CancellationToken ct)
    {
        var node = pod["spec"].Str("nodeName");
        var fieldPath = c.FieldPath;
        foreach (var tracker in new[] { c.Startup, c.Liveness, c.Readiness })
        {
            if (tracker is null || (tracker.Spec.Kind == ProbeKind.Startup) == c.Started || tracker.NextDue > time.GetUtcNow() || !c.IsRunning) continue;
            var outcome = await Prober.RunAsync(c.Spec, tracker.Spec, runtime.PodIp!, c.Shell, ct);
            tracker.Record(outcome.Success, time.GetUtcNow());
            if (!outcome.Success)
                await events.RecordAsync(pod, "Warning", "Unhealthy", $"{tracker.Spec.Name} probe failed: {outcome.Output}", "kubelet", node, ct, fieldPath);
            switch (tracker.Spec.Kind)
            {
                case ProbeKind.Startup when tracker.Result:
                    c.Started = true;
                    c.Ready = c.Readiness is null;
                    break;
                case ProbeKind.Readiness:
                    c.Ready = tracker.Result;
                    break;
            }
            if (tracker.Spec.Kind is ProbeKind.Startup or ProbeKind.Liveness && tracker.FailedThreshold)
            {
                // kuberuntime computePodActions: the container is killed, and restarted unless restartPolicy is Never.
                var message = $"Container {c.Name} failed {tracker.Spec.Name.ToLowerInvariant()} probe" + (policy == "Never" ? "" : ", will be restarted");
                await events.RecordAsync(pod, "Normal", "Killing", message, "kubelet", node, ct, fieldPath);
                await EndAsync(pod, c, c.StopExitCode, time.GetUtcNow());
                return;
            }
        }
    }

    private async Task ForgetAsync(ObjectKey key, PodRuntime? runtime, bool podGone)
    {
        if (runtime is not null && _pods.TryRemove(new KeyValuePair<ObjectKey, PodRuntime>(key, runtime)))
        {
            await runtime.Forgotten.CancelAsync();
            await runtime.StopProcessesAsync();
            if (runtime.PodIp is { } ip) lock (_ipGate) _ips.Release(runtime.PodCidr, ip);
        }
        if (podGone) logs.Remove(key.Namespace, key.Name);
    }

    /// <summary>Writes the pod's status; once the pod is being deleted only the termination writes it (<paramref name="terminating"/>).</summary>
    private async Task WriteStatusAsync(ObjectKey key, string uid, Func<JsonObject, JsonObject> status, CancellationToken ct, bool terminating = false)
    {
        try
        {
            await registry.GuaranteedUpdateAsync(kinds.Pods, key.Namespace, key.Name, "status", dryRun: false, current =>
            {
                if (current.Meta().Str("uid") != uid || PodFacts.IsTerminating(current) != terminating) throw StatusException.Conflict(kinds.Pods.Kind, key.Name);
                current["status"] = status(current);
                return current;
            }, ct);
        }
        catch (StatusException e) when (e.Code is 404 or 409)
        {
            // Gone or being deleted meanwhile: the watch event brings the pod back for another pass.
        }
    }

    [LoggerMessage(EventId = 520, Level = LogLevel.Debug, Message = "kubelet: sync of pod {Namespace}/{Name} failed")]
    private static partial void LogSyncFailed(ILogger logger, string @namespace, string name, Exception e);
}
