using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Emulator.Api.Http;
using Emulator.Domain.Errors;
using Emulator.Domain.Resources;
using Emulator.Infrastructure.Kubelet;
using Emulator.Infrastructure.Registry;

namespace Emulator.Api.Endpoints;

/// <summary>
/// GET pods/{name}/log (pkg/registry/core/pod/rest/log.go and the kubelet's containerLogs): what the emulated container
/// wrote, as text/plain, with container, follow, tailLines, timestamps, sinceSeconds and limitBytes; the apiserver's
/// errors for a missing container name, an unknown container, a container still waiting, and --previous.
/// </summary>
public sealed class PodLogHandler(GenericRegistry registry, PodLogs logs, TimeProvider time) : ISubresourceHandler
{
    public bool Handles(RequestTarget target, string method) =>
        target.Definition.Kind is { Group: "", Plural: "pods" } && target.Subresource == "log" && method == "GET" && target.Name is not null;

    public async Task HandleAsync(HttpContext context, RequestTarget target)
    {
        var def = target.Definition;
        var name = target.Name!;
        var ns = target.Namespace ?? "default";
        var pod = registry.GetOrThrow(def, ns, name).Object;
        var query = context.Request.Query;
        var container = ContainerName(pod, name, query["container"].ToString());
        if (string.IsNullOrEmpty(pod["spec"].Str("nodeName"))) throw StatusException.BadRequest($"pod {name} does not have a host assigned");
        var status = new[] { "containerStatuses", "initContainerStatuses" }
            .SelectMany(list => (pod["status"]?[list] as JsonArray)?.OfType<JsonObject>() ?? [])
            .FirstOrDefault(c => c.Str("name") == container);
        var containerId = InstanceOf(status, container, name, Bool(query["previous"]));

        var follow = Bool(query["follow"]);
        var timestamps = Bool(query["timestamps"]);
        var tail = long.TryParse(query["tailLines"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var t) ? t : -1;
        long? limit = long.TryParse(query["limitBytes"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l : null;
        DateTimeOffset? since = long.TryParse(query["sinceSeconds"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var s)
            ? time.GetUtcNow().AddSeconds(-s) : null;

        // An instance this process never ran (written by another kubelet, or before a restart of the emulator) has no log here.
        var (lines, live, unsubscribe) = logs.Read(ns, name, container, containerId, follow) ?? ([], null, () => { });
        try
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = "text/plain";
            IEnumerable<PodLogs.Line> selected = lines.Where(x => since is null || x.Time >= since);
            if (tail >= 0) selected = selected.TakeLast((int)Math.Min(tail, int.MaxValue));
            long written = 0;
            foreach (var line in selected)
            {
                if (!await WriteAsync(context, line, timestamps, limit, ref written)) return;
            }
            await context.Response.Body.FlushAsync(context.RequestAborted);
            if (live is null) return;
            await foreach (var line in live.ReadAllAsync(context.RequestAborted))
            {
                if (!await WriteAsync(context, line, timestamps, limit, ref written)) return;
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
        }
        finally
        {
            unsubscribe();
        }
    }

    /// <summary>
    /// Which container instance's log to read, as the kubelet's validateContainerLogStatus picks it: --previous reads
    /// lastState.terminated; otherwise the running or terminated instance, or the last one while it waits to restart.
    /// </summary>
    private static string InstanceOf(JsonObject? status, string container, string pod, bool previous)
    {
        var state = status?["state"];
        var last = status?["lastState"]?["terminated"];
        if (previous)
        {
            if (last.Str("containerID") is not { Length: > 0 } previousId)
                throw StatusException.BadRequest($"previous terminated container \"{container}\" in pod \"{pod}\" not found");
            return Strip(previousId);
        }
        if (state?["running"] is not null && status.Str("containerID") is { Length: > 0 } running) return Strip(running);
        if (state?["terminated"] is { } terminated)
        {
            if (terminated.Str("containerID") is { Length: > 0 } id) return Strip(id);
            if (last.Str("containerID") is { Length: > 0 } lastId) return Strip(lastId);
            throw StatusException.BadRequest($"container \"{container}\" in pod \"{pod}\" is terminated");
        }
        if (last.Str("containerID") is { Length: > 0 } lastTerminated) return Strip(lastTerminated);
        var reason = state?["waiting"].Str("reason") ?? "ContainerCreating";
        throw StatusException.BadRequest($"container \"{container}\" in pod \"{pod}\" is waiting to start: {reason}");
    }

    private static string Strip(string containerId) => containerId.Contains("://", StringComparison.Ordinal) ? containerId[(containerId.IndexOf("://", StringComparison.Ordinal) + 3)..] : containerId;

    private static string ContainerName(JsonObject pod, string name, string requested)
    {
        var names = (pod["spec"]?["containers"] as JsonArray)?.OfType<JsonObject>().Select(c => c.Str("name") ?? "").ToList() ?? [];
        var initNames = (pod["spec"]?["initContainers"] as JsonArray)?.OfType<JsonObject>().Select(c => c.Str("name") ?? "").ToList() ?? [];
        if (requested.Length == 0)
        {
            if (names.Count == 1) return names[0];
            // pkg/registry/core/pod/strategy.go validateContainer's wording, init containers listed after the app containers.
            throw StatusException.BadRequest($"a container name must be specified for pod {name}, choose one of: [{string.Join(" ", names)}]"
                + (initNames.Count > 0 ? $" or one of the init containers: [{string.Join(" ", initNames)}]" : ""));
        }
        if (!names.Contains(requested) && !initNames.Contains(requested)) throw StatusException.BadRequest($"container {requested} is not valid for pod {name}");
        return requested;
    }

    private static bool Bool(Microsoft.Extensions.Primitives.StringValues value) => value.ToString() is "true" or "1";

    private static Task<bool> WriteAsync(HttpContext context, PodLogs.Line line, bool timestamps, long? limit, ref long written)
    {
        var text = (timestamps ? line.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'00Z' ", CultureInfo.InvariantCulture) : "") + line.Text + "\n";
        var bytes = Encoding.UTF8.GetBytes(text);
        if (limit is { } max)
        {
            if (written >= max) return Task.FromResult(false);
            if (written + bytes.Length > max) bytes = bytes[..(int)(max - written)];
        }
        written += bytes.Length;
        return WriteBytesAsync(context, bytes);
    }

    private static async Task<bool> WriteBytesAsync(HttpContext context, byte[] bytes)
    {
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
        return true;
    }
}
