using Emulator.Infrastructure.Storage;
using Microsoft.Extensions.Logging;

namespace Emulator.Infrastructure.Controllers.Framework;

/// <summary>
/// Runs one reconciler: subscribes to its watches, enqueues the keys events map to, and processes keys with a
/// worker, retrying failures with exponential backoff (5 ms doubling, dropped after 15 tries, as client-go's
/// maxRetries) and re-enqueueing everything every resync period so a missed event heals.
/// </summary>
public sealed partial class ControllerRunner(IReconciler reconciler, ObjectStore store, ILogger logger, TimeProvider time)
{
    private const int MaxRetries = 15;
    private static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(5);
    private readonly WorkQueue<ObjectKey> _queue = new();
    private readonly Dictionary<ObjectKey, int> _failures = [];

    public async Task RunAsync(CancellationToken ct)
    {
        var subscriptions = reconciler.Watches.Select(r => store.Watch(r, null, store.Revision, false).Subscription).ToList();
        try
        {
            if (reconciler is IRequeueAfter delayed) delayed.OnRequeue((key, delay) => _ = RequeueLaterAsync(key, delay, ct));
            foreach (var key in reconciler.AllKeys()) _queue.Add(key);
            var pumps = subscriptions.Select(s => PumpAsync(s, ct)).ToList();
            var worker = WorkAsync(ct);
            var resync = ResyncAsync(ct);
            await Task.WhenAll([.. pumps, worker, resync]);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        finally
        {
            foreach (var s in subscriptions) s.Dispose();
        }
    }

    private async Task PumpAsync(Watch.WatchSubscription subscription, CancellationToken ct)
    {
        while (await subscription.Events.WaitToReadAsync(ct))
            while (subscription.Events.TryRead(out var e))
                foreach (var key in reconciler.KeysFor(e)) _queue.Add(key);
        // The hub closed a watcher that fell behind: resync everything, then carry on from now.
        if (!ct.IsCancellationRequested)
        {
            foreach (var key in reconciler.AllKeys()) _queue.Add(key);
            var renewed = store.Watch(subscription.Resource, null, store.Revision, false).Subscription;
            using (renewed) await PumpAsync(renewed, ct);
        }
    }

    private async Task ResyncAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(reconciler.ResyncPeriod, time);
        while (await timer.WaitForNextTickAsync(ct))
            foreach (var key in reconciler.AllKeys()) _queue.Add(key);
    }

    private async Task WorkAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var key = await _queue.TakeAsync(ct);
            try
            {
                await reconciler.ReconcileAsync(key, ct);
                _failures.Remove(key);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                var attempt = _failures.GetValueOrDefault(key) + 1;
                if (attempt > MaxRetries)
                {
                    _failures.Remove(key);
                    LogDropped(logger, reconciler.Name, key.ToString(), e);
                }
                else
                {
                    _failures[key] = attempt;
                    LogRetry(logger, reconciler.Name, key.ToString(), attempt, e.Message);
                    var delay = BaseDelay * Math.Pow(2, attempt - 1);
                    _ = RequeueLaterAsync(key, delay, ct);
                }
            }
            finally
            {
                _queue.Done(key);
            }
        }
    }

    private async Task RequeueLaterAsync(ObjectKey key, TimeSpan delay, CancellationToken ct)
    {
        try
        {
            await Task.Delay(delay, time, ct);
            _queue.Add(key);
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Debug, Message = "{Controller}: retry {Attempt} for {Key}: {Error}")]
    private static partial void LogRetry(ILogger logger, string controller, string key, int attempt, string error);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "{Controller}: dropping {Key} after repeated failures")]
    private static partial void LogDropped(ILogger logger, string controller, string key, Exception e);
}
