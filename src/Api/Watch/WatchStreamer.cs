using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Emulator.Api.Application.Verbs;
using Emulator.Api.Http;
using Emulator.Domain.Errors;
using Emulator.Domain.Resources;
using Emulator.Infrastructure.Storage;
using Emulator.Infrastructure.Watch;

namespace Emulator.Api.Watch;

/// <summary>
/// Serves ?watch=true as the apiserver does: newline-delimited JSON events, flushed one by one, with the three ways
/// to start (replay after a resourceVersion, synthetic ADDED for rv ""/"0", WatchList with the initial-events-end
/// bookmark), selectors applied per event, and Table-wrapped events for kubectl get -w.
/// </summary>
public sealed class WatchStreamer(ObjectStore store, TimeProvider time, IHostApplicationLifetime lifetime)
{
    // The apiserver closes watches without timeoutSeconds after a random 30-60 minutes (--min-request-timeout).
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan BookmarkInterval = TimeSpan.FromMinutes(1);

    public async Task StreamAsync(HttpContext context, ResourceDefinition def, string? ns, ListOptions options, ResponseShape shape)
    {
        if (options.SendInitialEvents)
        {
            var errors = new List<Domain.Errors.FieldError>();
            if (options.ResourceVersionMatch != "NotOlderThan")
                errors.Add(Domain.Errors.FieldError.Forbidden("resourceVersionMatch", "sendInitialEvents requires setting resourceVersionMatch to NotOlderThan"));
            if (!options.AllowWatchBookmarks)
                errors.Add(Domain.Errors.FieldError.Forbidden("allowWatchBookmarks", "sendInitialEvents requires setting allowWatchBookmarks to true"));
            if (errors.Count > 0) throw StatusException.Invalid("ListOptions.meta.k8s.io", "meta.k8s.io", "ListOptions", "", errors);
        }
        var filter = ListFilter.Create(def, options.LabelSelector, options.FieldSelector);
        var resource = new ResourceKey(def.Kind.Group, def.Kind.Plural);
        var watchNs = def.Kind.Namespaced ? ns : null;
        var rv = ParseRevision(options.ResourceVersion);
        var synthetic = options.SendInitialEvents || rv is null or 0;
        if (options.SendInitialEvents && rv is { } minimum && minimum > 0)
        {
            try
            {
                await FreshnessWait.WaitAsync(store, minimum, time, context.RequestAborted);
            }
            catch (StatusException e)
            {
                // Past validation, the cacher reports it as the stream's only event (errWatcher), as for 410.
                await StartAsync(context);
                await WriteLineAsync(context, new EventWriter(def, shape, context, time).Error(e));
                return;
            }
        }

        WatchSubscription subscription;
        IReadOnlyList<StoredObject> snapshot;
        IReadOnlyList<WatchEvent> replay;
        long revision;
        try
        {
            (subscription, snapshot, replay, revision) = store.Watch(resource, watchNs, rv ?? 0, synthetic);
        }
        catch (StatusException e) when (e.Code == 410)
        {
            // A too-old resourceVersion is reported inside the stream, as the watch cache does, so reflectors re-list.
            await StartAsync(context);
            await WriteLineAsync(context, new EventWriter(def, shape, context, time).Error(e));
            return;
        }

        using (subscription)
        {
            await StartAsync(context);
            var writer = new EventWriter(def, shape, context, time);
            foreach (var item in snapshot.Where(i => filter(i.Object)))
                await WriteLineAsync(context, writer.Event("ADDED", item));
            if (options.SendInitialEvents)
                await WriteLineAsync(context, writer.Bookmark(revision, initialEventsEnd: true));
            foreach (var e in replay)
                if (Translate(e, filter) is { } type) await WriteLineAsync(context, writer.Event(type, e.Object));
            await context.Response.Body.FlushAsync(context.RequestAborted);

            var timeout = options.TimeoutSeconds is > 0 and var t ? TimeSpan.FromSeconds(t) : DefaultTimeout;
            // On SIGTERM the streams end (as the apiserver closes watches when it shuts down), so clients reconnect
            // elsewhere and the graceful stop does not hang until the host's shutdown timeout.
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
            cts.CancelAfter(timeout);
            var lastRevision = revision;
            try
            {
                while (true)
                {
                    using var tick = CancellationTokenSource.CreateLinkedTokenSource(cts.Token);
                    if (options.AllowWatchBookmarks) tick.CancelAfter(BookmarkInterval);
                    bool more;
                    try
                    {
                        more = await subscription.Events.WaitToReadAsync(tick.Token);
                    }
                    catch (OperationCanceledException) when (!cts.IsCancellationRequested)
                    {
                        await WriteLineAsync(context, writer.Bookmark(Math.Max(lastRevision, store.Revision), false));
                        await context.Response.Body.FlushAsync(cts.Token);
                        continue;
                    }
                    if (!more) break;
                    while (subscription.Events.TryRead(out var e))
                    {
                        // A watch from a resourceVersion the store had not reached yet starts after it (cacheWatcher).
                        if (!synthetic && e.ResourceVersion <= rv) continue;
                        lastRevision = e.ResourceVersion;
                        if (Translate(e, filter) is { } type) await WriteLineAsync(context, writer.Event(type, e.Object));
                    }
                    await context.Response.Body.FlushAsync(cts.Token);
                }
            }
            catch (OperationCanceledException)
            {
                // Timeout or client gone: ending the response ends the watch, as with the apiserver.
            }
        }
    }

    /// <summary>With selectors, an object that moves into the selection is ADDED and one that leaves it is DELETED.</summary>
    private static string? Translate(WatchEvent e, Func<JsonObject, bool> filter)
    {
        var now = filter(e.Object.Object);
        if (e.Type == "MODIFIED" && e.Previous is { } prev)
        {
            var before = filter(prev.Object);
            if (before && !now) return "DELETED";
            if (!before && now) return "ADDED";
        }
        return now ? e.Type : null;
    }

    private static long? ParseRevision(string? rv)
    {
        if (string.IsNullOrEmpty(rv)) return null;
        if (long.TryParse(rv, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return n;
        throw StatusException.BadRequest($"resourceVersion: Invalid value: \"{rv}\": must be a valid integer");
    }

    private static async Task StartAsync(HttpContext context)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json;stream=watch";
        context.Response.Headers.CacheControl = "no-cache, private";
        await context.Response.StartAsync(context.RequestAborted);
    }

    private static Task WriteLineAsync(HttpContext context, string line) =>
        context.Response.WriteAsync(line + "\n", Encoding.UTF8, context.RequestAborted);

    /// <summary>Formats events; Table watches carry column definitions only in the first event (watchEmbeddedEncoder).</summary>
    private sealed class EventWriter(ResourceDefinition def, ResponseShape shape, HttpContext context, TimeProvider time)
    {
        private bool _columnsSent;

        public string Event(string type, StoredObject obj)
        {
            if (shape == ResponseShape.Table)
            {
                var table = TableBuilder.Build(def, [obj.Object], time.GetUtcNow(), context.Request.Query["includeObject"], obj.ResourceVersion, !_columnsSent);
                _columnsSent = true;
                return Wrap(type, JsonText.Serialize(table));
            }
            if (shape == ResponseShape.PartialMetadata) return Wrap(type, JsonText.Serialize(TableBuilder.PartialMetadata(obj.Object)));
            return Wrap(type, obj.Json);
        }

        public string Bookmark(long revision, bool initialEventsEnd)
        {
            var meta = new JsonObject { ["resourceVersion"] = revision.ToString(CultureInfo.InvariantCulture) };
            if (initialEventsEnd) meta["annotations"] = new JsonObject { ["k8s.io/initial-events-end"] = "true" };
            var obj = new JsonObject { ["kind"] = def.Kind.Kind, ["apiVersion"] = def.Kind.ApiVersion, ["metadata"] = meta };
            return Wrap("BOOKMARK", JsonText.Serialize(obj));
        }

        public string Error(StatusException e) => Wrap("ERROR", JsonText.Serialize(StatusWriter.ToStatus(e)));

        private static string Wrap(string type, string json) => $"{{\"type\":\"{type}\",\"object\":{json}}}";
    }
}
