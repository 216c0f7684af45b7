using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Emulator.Domain.Errors;
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
    ContainerStarter starter, PodLogs logs, TimeProvider time, ILogger<SimulatedKubelet> logger) : BackgroundService
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

        if (PodFacts.IsTerminating(pod)) return await TerminateAsync(key, pod, runtime ?? _pods.GetOrAdd(key, new PodRuntime(uid, cidr, now)), now, ct);
        if (PodFacts.Phase(pod) is "Succeeded" or "Failed") return null;

        if (runtime is null)
        {
            runtime = new PodRuntime(uid, cidr, now);
            if (PodFacts.Phase(pod) == "Running" && pod["status"].Str("podIP") is { Length: > 0 } ip)
            {
                // Found running after a restart of the emulator: the container comes back on the same address.
                lock (_ipGate) _ips.Reserve(cidr, ip);
                runtime.PodIp = ip;
                runtime.StartedAt = pod["status"]?["containerStatuses"]?[0]?["state"]?["running"].Str("startedAt");
                _pods[key] = runtime;
                await starter.StartAsync(pod, runtime, hostIp, recordEvents: false, ct);
                runtime.Running = true;
                return null;
            }
            _pods[key] = runtime;
            await WriteStatusAsync(key, uid, current => PodStatusPlanner.ContainerCreating(current, hostIp, SystemFields.Timestamp(now)), ct);
            return options.ContainerCreatingDelay;
        }

        if (!runtime.Running)
        {
            var remaining = runtime.CreatingSince + options.ContainerCreatingDelay - now;
            if (remaining > TimeSpan.Zero) return remaining;
            string? ip;
            lock (_ipGate) ip = _ips.Allocate(cidr);
            if (ip is null) return TimeSpan.FromSeconds(5);
            runtime.PodIp = ip;
            runtime.StartedAt = SystemFields.Timestamp(now);
            await starter.StartAsync(pod, runtime, hostIp, recordEvents: true, ct);
            runtime.Running = true;
        }
        var nextProbe = await ProbeAsync(pod, runtime, ct);
        if (PodFacts.Phase(pod) != "Running" || pod["status"].Str("podIP") != runtime.PodIp || !ReadyMatches(pod, runtime))
        {
            await WriteStatusAsync(key, uid, current => PodStatusPlanner.Running(current, hostIp, runtime.PodIp!, runtime.StartedAt!, runtime.Ready,
                SystemFields.Timestamp(time.GetUtcNow())), ct);
        }
        return nextProbe;
    }

    /// <summary>Runs the readiness probes that are due; returns when the next one is.</summary>
    private async Task<TimeSpan?> ProbeAsync(JsonObject pod, PodRuntime runtime, CancellationToken ct)
    {
        if (runtime.NextProbe.Count == 0) return null;
        var now = DateTimeOffset.UtcNow;
        foreach (var container in (pod["spec"]?["containers"] as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            var name = container.Str("name") ?? "";
            if (ReadinessProber.ProbeOf(container) is not { } probe || !runtime.NextProbe.TryGetValue(name, out var due) || due > now) continue;
            runtime.Ready[name] = await ReadinessProber.RunAsync(container, probe, runtime.PodIp!, ct);
            runtime.NextProbe[name] = now + ReadinessProber.Period(probe);
        }
        var next = runtime.NextProbe.Values.Min() - DateTimeOffset.UtcNow;
        return next > TimeSpan.Zero ? next : TimeSpan.FromMilliseconds(10);
    }

    private static bool ReadyMatches(JsonObject pod, PodRuntime runtime) =>
        (pod["status"]?["containerStatuses"] as JsonArray)?.OfType<JsonObject>()
            .All(c => (c["ready"] is JsonValue v && v.TryGetValue<bool>(out var r) && r) == runtime.Ready.GetValueOrDefault(c.Str("name") ?? "")) ?? false;

    /// <summary>Graceful deletion: stop the containers, then after the grace period (capped) delete the pod with grace 0.</summary>
    private async Task<TimeSpan?> TerminateAsync(ObjectKey key, JsonObject pod, PodRuntime runtime, DateTimeOffset now, CancellationToken ct)
    {
        if (runtime.TerminatingSince is null)
        {
            runtime.TerminatingSince = now;
            await runtime.StopProcessesAsync();
        }
        var grace = TimeSpan.FromSeconds(JsonNumber.Long(pod.Meta()["deletionGracePeriodSeconds"]) ?? 0);
        var wait = grace < options.TerminationDelay ? grace : options.TerminationDelay;
        var remaining = runtime.TerminatingSince.Value + wait - now;
        if (remaining > TimeSpan.Zero) return remaining;
        try
        {
            await registry.DeleteAsync(kinds.Pods, key.Namespace, key.Name, new DeleteOptions(PreconditionUid: runtime.Uid, GracePeriodSeconds: 0), ct);
        }
        catch (StatusException e) when (e.Code is 404 or 409)
        {
        }
        return null;
    }

    private async Task ForgetAsync(ObjectKey key, PodRuntime? runtime, bool podGone)
    {
        if (runtime is not null && _pods.TryRemove(new KeyValuePair<ObjectKey, PodRuntime>(key, runtime)))
        {
            await runtime.StopProcessesAsync();
            if (runtime.PodIp is { } ip) lock (_ipGate) _ips.Release(runtime.PodCidr, ip);
        }
        if (podGone) logs.Remove(key.Namespace, key.Name);
    }

    private async Task WriteStatusAsync(ObjectKey key, string uid, Func<JsonObject, JsonObject> status, CancellationToken ct)
    {
        try
        {
            await registry.GuaranteedUpdateAsync(kinds.Pods, key.Namespace, key.Name, "status", dryRun: false, current =>
            {
                if (current.Meta().Str("uid") != uid || PodFacts.IsTerminating(current)) throw StatusException.Conflict(kinds.Pods.Kind, key.Name);
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
