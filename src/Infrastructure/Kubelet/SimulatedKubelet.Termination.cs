using System.Text.Json.Nodes;
using Emulator.Domain.Errors;
using Emulator.Domain.Kubelet;
using Emulator.Domain.Resources;
using Emulator.Domain.Workloads;
using Emulator.Infrastructure.Controllers.Framework;
using Emulator.Infrastructure.Registry;
using Emulator.Infrastructure.Storage;
using Microsoft.Extensions.Logging;

namespace Emulator.Infrastructure.Kubelet;

/// <summary>
/// Graceful deletion as kubelet.go SyncTerminatingPod runs it: liveness and startup probes stop, readiness goes on;
/// killPod stops every container at once (killContainersWithSyncResult, one goroutine each), each one its preStop hook
/// first, still running and serving, then SIGTERM, then SIGKILL at the end of the grace period; then the pod's last
/// status (generateAPIPodStatus with podIsTerminal: containers terminated, Ready False, phase Succeeded or Failed), and
/// the pod is deleted for good with grace 0 (status_manager canBeDeleted).
/// </summary>
public sealed partial class SimulatedKubelet
{
    private async Task<TimeSpan?> TerminateAsync(ObjectKey key, JsonObject pod, PodRuntime runtime, string hostIp, DateTimeOffset now, CancellationToken ct)
    {
        var grace = TerminationTiming.Grace(JsonNumber.Long(pod.Meta()["deletionGracePeriodSeconds"]));
        if (runtime.TerminatingSince is null)
        {
            runtime.TerminatingSince = now;
            (runtime.Grace, runtime.GraceEnds) = (grace, now + grace);
            var timer = runtime.GraceTimer = new CancellationTokenSource(grace, time);
            var stop = CancellationTokenSource.CreateLinkedTokenSource(ct, runtime.Forgotten.Token);
            runtime.Termination = KillPodAsync(key, pod, runtime, hostIp, stop.Token);
            _ = runtime.Termination.ContinueWith(_ =>
            {
                stop.Dispose();
                timer.Dispose();
                _queue.Add(key);
            }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        else if (grace < runtime.Grace && runtime.Termination is { IsCompleted: false })
        {
            // A second delete with a shorter grace period (the API server only lets it shrink): the pod worker
            // applies it at once, so hooks still running get only what is left of it.
            runtime.Grace = grace;
            if (now + grace < runtime.GraceEnds)
            {
                runtime.GraceEnds = now + grace;
                try
                {
                    runtime.GraceTimer?.CancelAfter(grace);
                }
                catch (ObjectDisposedException)
                {
                }
            }
        }
        if (runtime.Termination is { IsCompleted: false }) return null;
        if (runtime.StoppedAt is null)
        {
            runtime.StoppedAt = time.GetUtcNow();
            if (runtime.Running && runtime.PodIp is { } ip && PodFacts.Phase(pod) is not ("Succeeded" or "Failed"))
            {
                var snapshots = runtime.Containers.Select(c => c.Snapshot()).ToList();
                var initSnapshots = runtime.InitContainers.Select(c => c.Snapshot()).ToList();
                await WriteStatusAsync(key, runtime.Uid, current => KubeletPodStatus.Build(current, hostIp, ip, snapshots,
                    SystemFields.Timestamp(time.GetUtcNow()), initSnapshots, runtime.Initialized, podIsTerminal: true), ct, terminating: true);
            }
        }
        var remaining = TerminationTiming.DeleteAt(runtime.TerminatingSince.Value, grace, options.TerminationDelay, runtime.StoppedAt.Value) - time.GetUtcNow();
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

    /// <summary>killPod: the app containers in parallel, then the sidecars (they outlive the containers they serve).</summary>
    private async Task KillPodAsync(ObjectKey key, JsonObject pod, PodRuntime runtime, string hostIp, CancellationToken ct)
    {
        try
        {
            await Task.WhenAll(runtime.Containers.Where(c => c.IsRunning).Select(c => KillContainerAsync(key, pod, runtime, c, hostIp, ct)).ToList());
            await Task.WhenAll(runtime.InitContainers.Where(c => c.IsRunning).Select(c => KillContainerAsync(key, pod, runtime, c, hostIp, ct)).ToList());
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The pod was force-deleted or the emulator is stopping: the finally below stops what is left.
        }
        catch (Exception e)
        {
            LogSyncFailed(logger, key.Namespace, key.Name, e);
        }
        finally
        {
            // Whatever happened above, nothing of the pod may keep running past its termination.
            foreach (var c in runtime.Containers.Concat(runtime.InitContainers).Where(c => c.IsRunning))
                await EndAsync(pod, c, c.Exited.Task.IsCompleted ? c.Exited.Task.Result : 137, time.GetUtcNow());
        }
    }

    /// <summary>
    /// killContainer: the Killing event, the preStop hook (at most the grace period, the container serving meanwhile),
    /// then SIGTERM: an emulation that dies of it stops at once with its exit code; one that ignores it (a shell as
    /// PID 1) is killed, 137, after the rest of the grace period (at least 2 s, at most the emulator's TerminationDelay).
    /// </summary>
    private async Task KillContainerAsync(ObjectKey key, JsonObject pod, PodRuntime runtime, ContainerRuntime c, string hostIp, CancellationToken ct)
    {
        var node = pod["spec"].Str("nodeName");
        await events.RecordAsync(pod, "Normal", "Killing", $"Stopping container {c.Name}", "kubelet", node, ct, c.FieldPath);
        if (c.Spec["lifecycle"]?["preStop"] is JsonObject hook && runtime.GraceEnds > time.GetUtcNow() && !c.Exited.Task.IsCompleted)
        {
            using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct, runtime.GraceTimer!.Token);
            var run = RunHookAsync(c, hook, runtime.PodIp!, budget.Token);
            await ProbeReadinessWhileAsync(key, pod, runtime, c, hostIp, run, ct);
            if (await run == false)
                await events.RecordAsync(pod, "Warning", "FailedPreStopHook", "PreStopHook failed", "kubelet", node, ct, c.FieldPath);
        }
        if (c.StopExitCode == 137 && !c.Exited.Task.IsCompleted)
        {
            var left = runtime.GraceEnds - time.GetUtcNow();
            await Task.WhenAny(c.Exited.Task, Task.Delay(TerminationTiming.KillAfter(left, options.TerminationDelay), time, ct));
        }
        await EndAsync(pod, c, c.Exited.Task.IsCompleted ? c.Exited.Task.Result : c.StopExitCode, time.GetUtcNow());
    }

    /// <summary>The hook's outcome: true, false when it failed, null when the grace period ran out first.</summary>
    private async Task<bool?> RunHookAsync(ContainerRuntime c, JsonObject hook, string podIp, CancellationToken budget)
    {
        try
        {
            return await LifecycleHooks.RunAsync(c.Spec, hook, podIp, c.ExecHost, time, budget);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>The readiness worker keeps probing a terminating container (only liveness and startup stop), and its verdict is written.</summary>
    private async Task ProbeReadinessWhileAsync(ObjectKey key, JsonObject pod, PodRuntime runtime, ContainerRuntime c, string hostIp, Task running,
        CancellationToken ct)
    {
        while (!running.IsCompleted && c.Readiness is { } readiness && c.Started && c.IsRunning)
        {
            var wait = readiness.NextDue - time.GetUtcNow();
            if (wait > TimeSpan.Zero) await Task.WhenAny(running, Task.Delay(wait, time, ct));
            if (running.IsCompleted) return;
            var outcome = await Prober.RunAsync(c.Spec, readiness.Spec, runtime.PodIp!, c.Shell, ct);
            readiness.Record(outcome.Success, time.GetUtcNow());
            if (!outcome.Success)
                await events.RecordAsync(pod, "Warning", "Unhealthy", $"{readiness.Spec.Name} probe failed: {outcome.Output}", "kubelet",
                    pod["spec"].Str("nodeName"), ct, c.FieldPath);
            if (c.Ready == readiness.Result) continue;
            c.Ready = readiness.Result;
            var snapshots = runtime.Containers.Select(x => x.Snapshot()).ToList();
            var initSnapshots = runtime.InitContainers.Select(x => x.Snapshot()).ToList();
            await WriteStatusAsync(key, runtime.Uid, current => KubeletPodStatus.Build(current, hostIp, runtime.PodIp!, snapshots,
                SystemFields.Timestamp(time.GetUtcNow()), initSnapshots, runtime.Initialized), ct, terminating: true);
        }
    }
}
