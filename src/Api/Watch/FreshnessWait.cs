using Emulator.Domain.Errors;
using Emulator.Infrastructure.Storage;

namespace Emulator.Api.Watch;

/// <summary>
/// The watch cache's waitUntilFreshAndBlock: a read that asks for "at least resourceVersion N" while the store is
/// still below N waits up to 3 s for it, then fails with 504 Timeout "Too large resource version" (retry after 1 s),
/// instead of answering with older data or accepting a stream that silently skips ahead.
/// </summary>
public static class FreshnessWait
{
    /// <summary>watch_cache.go's blockTimeout.</summary>
    public static readonly TimeSpan BlockTimeout = TimeSpan.FromSeconds(3);

    /// <summary>cacher's resourceVersionTooHighRetrySeconds.</summary>
    public const int RetryAfterSeconds = 1;

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);

    /// <summary>Returns once the store has reached <paramref name="required"/>; throws the 504 when it does not in time.</summary>
    public static async Task WaitAsync(ObjectStore store, long required, TimeProvider time, CancellationToken ct)
    {
        var start = time.GetTimestamp();
        long current;
        while ((current = store.Revision) < required)
        {
            if (time.GetElapsedTime(start) >= BlockTimeout)
                throw StatusException.TooLargeResourceVersion(required, current, RetryAfterSeconds);
            await Task.Delay(Poll, time, ct);
        }
    }
}
