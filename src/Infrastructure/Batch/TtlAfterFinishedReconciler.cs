using Emulator.Domain.Errors;
using Emulator.Domain.Resources;
using Emulator.Domain.Workloads.Jobs;
using Emulator.Infrastructure.Controllers.Framework;
using Emulator.Infrastructure.Registry;
using Emulator.Infrastructure.Storage;
using Emulator.Infrastructure.Workloads;

namespace Emulator.Infrastructure.Batch;

/// <summary>
/// The TTL-after-finished controller (pkg/controller/ttlafterfinished): a finished job with ttlSecondsAfterFinished is
/// deleted (foreground, uid precondition) that many seconds after its Complete or Failed condition; earlier looks are
/// requeued for the moment it expires.
/// </summary>
public sealed class TtlAfterFinishedReconciler(GenericRegistry registry, BatchKinds batch, TimeProvider time) : IReconciler, IRequeueAfter
{
    private Action<ObjectKey, TimeSpan>? _requeueAfter;

    public string Name => "ttl-after-finished";

    public IReadOnlyList<ResourceKey> Watches => [WorkloadKinds.KeyOf(batch.Jobs)];

    public TimeSpan ResyncPeriod => TimeSpan.FromSeconds(30);

    public void OnRequeue(Action<ObjectKey, TimeSpan> requeueAfter) => _requeueAfter = requeueAfter;

    public IEnumerable<ObjectKey> KeysFor(WatchEvent e) => e.Type == "DELETED" ? [] : [e.Key];

    public IEnumerable<ObjectKey> AllKeys() =>
        registry.Store.List(WorkloadKinds.KeyOf(batch.Jobs), null).Items
            .Where(j => j.Object["spec"]?["ttlSecondsAfterFinished"] is not null)
            .Select(j => WorkloadKinds.ObjectKeyOf(batch.Jobs, j.Object.Namespace() ?? "", j.Object.Name()));

    public async Task ReconcileAsync(ObjectKey key, CancellationToken ct)
    {
        if (registry.Store.Get(key)?.Object is not { } job || job.Meta()["deletionTimestamp"] is not null) return;
        var spec = JobSpecView.Of(job);
        if (spec.TtlSecondsAfterFinished is not { } ttl || JobConditions.FinishTime(job) is not { } finished) return;
        var left = finished.AddSeconds(ttl) - time.GetUtcNow();
        if (left > TimeSpan.Zero)
        {
            _requeueAfter?.Invoke(key, left + TimeSpan.FromMilliseconds(100));
            return;
        }
        try
        {
            await registry.DeleteAsync(batch.Jobs, key.Namespace, key.Name,
                new DeleteOptions(PreconditionUid: job.Meta().Str("uid"), PropagationPolicy: "Foreground"), ct);
        }
        catch (StatusException e) when (e.Code is 404 or 409)
        {
        }
    }
}
