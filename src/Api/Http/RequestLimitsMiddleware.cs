using System.Collections.Concurrent;
using Emulator.Api.Hosting;
using Emulator.Domain.Errors;

namespace Emulator.Api.Http;

/// <summary>
/// Bounds the work a flood of requests can queue, as kube-apiserver's max-in-flight filter does
/// (apiserver pkg/server/filters/maxinflight.go, --max-requests-inflight / --max-mutating-requests-inflight):
/// short requests past the limit get 429 "Too many requests, please try again later." with Retry-After: 1 at once,
/// never a queue. Long-running requests (watch, proxy, logs, exec) are not counted there; watches instead have a
/// per-client ceiling (ADR 0008). Health probes are never limited, so a flooded server still answers /healthz.
/// </summary>
public sealed class RequestLimitsMiddleware(RequestDelegate next, EmulatorOptions options)
{
    public const string TooManyRequestsMessage = "Too many requests, please try again later.";

    private static readonly string[] ProbePaths = ["/healthz", "/livez", "/readyz"];

    private readonly ConcurrentDictionary<string, int> _watchesPerClient = new();
    private readonly InFlight _readOnly = new();
    private readonly InFlight _mutating = new();

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (IsProbe(request.Path))
        {
            await next(context);
            return;
        }
        if (IsWatch(request))
        {
            await LimitWatchAsync(context);
            return;
        }
        if (IsLongRunning(request.Path))
        {
            await next(context);
            return;
        }
        var mutating = request.Method is not ("GET" or "HEAD" or "OPTIONS");
        var counter = mutating ? _mutating : _readOnly;
        var limit = mutating ? options.MaxMutatingRequestsInflight : options.MaxRequestsInflight;
        if (limit > 0 && !counter.TryEnter(limit))
        {
            await WriteTooManyRequestsAsync(context);
            return;
        }
        try
        {
            await next(context);
        }
        finally
        {
            if (limit > 0) counter.Exit();
        }
    }

    private sealed class InFlight
    {
        private int _count;

        public bool TryEnter(int limit)
        {
            if (Interlocked.Increment(ref _count) <= limit) return true;
            Interlocked.Decrement(ref _count);
            return false;
        }

        public void Exit() => Interlocked.Decrement(ref _count);
    }

    private async Task LimitWatchAsync(HttpContext context)
    {
        var limit = options.MaxWatchesPerClient;
        if (limit <= 0)
        {
            await next(context);
            return;
        }
        var client = ClientKey(context);
        if (_watchesPerClient.AddOrUpdate(client, 1, (_, n) => n + 1) > limit)
        {
            Release(client);
            context.Response.Headers.RetryAfter = "1";
            await StatusWriter.WriteAsync(context, new StatusException(429, "TooManyRequests",
                $"{TooManyRequestsMessage} (at most {limit} concurrent watches per client)", new StatusDetails(null, "", "") { RetryAfterSeconds = 1 }));
            return;
        }
        try
        {
            await next(context);
        }
        finally
        {
            Release(client);
        }
    }

    private void Release(string client)
    {
        while (true)
        {
            var n = _watchesPerClient.GetValueOrDefault(client);
            if (n <= 1 ? _watchesPerClient.TryRemove(KeyValuePair.Create(client, n)) : _watchesPerClient.TryUpdate(client, n - 1, n)) return;
        }
    }

    /// <summary>A client is its credentials from one address: kubectl, a controller, a script each count alone.</summary>
    private static string ClientKey(HttpContext context) =>
        $"{context.Connection.RemoteIpAddress}|{context.Request.Headers.Authorization}|{context.Request.Headers.UserAgent}";

    /// <summary>maxinflight.go tooManyRequests: a plain-text 429 (http.Error), not a Status object.</summary>
    public static Task WriteTooManyRequestsAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = "1";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(TooManyRequestsMessage + "\n");
    }

    private static bool IsProbe(PathString path) =>
        ProbePaths.Any(p => path.StartsWithSegments(p, StringComparison.Ordinal));

    private static bool IsWatch(HttpRequest request) =>
        request.Method == "GET" && request.Query["watch"] is { Count: > 0 } w && w[^1] is "true" or "1" or "True";

    // apiserver's long-running check: watch, proxy, log, exec, attach, portforward requests.
    private static bool IsLongRunning(PathString path)
    {
        var value = path.Value ?? "";
        return value.Contains("/proxy", StringComparison.Ordinal) || value.EndsWith("/log", StringComparison.Ordinal)
            || value.EndsWith("/exec", StringComparison.Ordinal) || value.EndsWith("/attach", StringComparison.Ordinal)
            || value.EndsWith("/portforward", StringComparison.Ordinal);
    }
}
