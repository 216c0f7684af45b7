using System.Net;
using System.Text.Json.Nodes;
using Emulator.E2E.Tests.Harness;
using Xunit.Sdk;

namespace Emulator.E2E.Tests.Reliability;

/// <summary>
/// What client-go's reflector does, reduced to the contract under test: list at resourceVersion N, watch from N,
/// fold every event into the listed state, resume from the last seen resourceVersion after a dropped connection,
/// and re-list only when the server answers 410 Expired. It also checks each event as it arrives: known type,
/// resourceVersion strictly increasing within one list+watch history.
/// </summary>
public sealed class Reflector(EmulatorProcess emulator, string collectionPath) : IAsyncDisposable
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, JsonObject> state = [];
    private readonly List<(string Type, string Name, long Rv)> events = [];
    private readonly CancellationTokenSource stop = new();
    private Task? loop;
    private long resourceVersion;
    private string? failure;
    private volatile bool paused;
    private CancellationTokenSource? connection;

    public int Relists { get; private set; }

    /// <summary>Watches reopened from the last seen resourceVersion after the previous one ended or failed.</summary>
    public int Resumes { get; private set; }

    public int ExpiredAnswers { get; private set; }

    public int EventsChecked { get { lock (gate) return events.Count; } }

    public long ResourceVersion { get { lock (gate) return resourceVersion; } }

    /// <summary>Lists, then keeps watching in the background until disposed.</summary>
    public async Task StartAsync()
    {
        await RelistAsync(CancellationToken.None);
        loop = Task.Run(() => RunAsync(stop.Token));
    }

    /// <summary>Drops the watch connection and stays away (a client that is offline) until <see cref="Resume"/>.</summary>
    public void Pause()
    {
        paused = true;
        lock (gate) connection?.Cancel();
    }

    public void Resume() => paused = false;

    /// <summary>name → resourceVersion of the folded state.</summary>
    public IReadOnlyDictionary<string, long> Snapshot()
    {
        lock (gate) return state.ToDictionary(p => p.Key, p => ResourceVersions.Of(p.Value));
    }

    /// <summary>The events folded so far (type, name, resourceVersion), in arrival order.</summary>
    public IReadOnlyList<(string Type, string Name, long Rv)> Events()
    {
        lock (gate) return [.. events];
    }

    /// <summary>Waits until the folded state equals <paramref name="expected"/> (name → resourceVersion).</summary>
    public async Task ConvergesToAsync(IReadOnlyDictionary<string, long> expected, TimeSpan deadline)
    {
        using var cts = new CancellationTokenSource(deadline);
        while (!cts.IsCancellationRequested)
        {
            ThrowIfFailed();
            var now = Snapshot();
            if (now.Count == expected.Count && now.All(p => expected.TryGetValue(p.Key, out var rv) && rv == p.Value))
            {
                return;
            }

            await Task.Delay(100, CancellationToken.None);
        }

        var seen = Snapshot();
        var diff = expected.Keys.Union(seen.Keys).Order()
            .Select(k => (k, e: expected.TryGetValue(k, out var a) ? $"{a}" : "-", s: seen.TryGetValue(k, out var b) ? $"{b}" : "-"))
            .Where(x => x.e != x.s).Select(x => $"{x.k}: final list {x.e}, watcher {x.s}");
        throw new XunitException(
            $"The watcher's folded state never equalled the final list:\n{string.Join("\n", diff)}\n--- emulator output ---\n{emulator.RecentOutput()}");
    }

    public void ThrowIfFailed()
    {
        if (failure is { } f)
        {
            throw new XunitException(f);
        }
    }

    private async Task RelistAsync(CancellationToken ct)
    {
        using var api = ApiClient.Https(emulator, emulator.AdminToken);
        var list = (await api.GetAsync(collectionPath)).HasStatus(HttpStatusCode.OK).Json();
        lock (gate)
        {
            state.Clear();
            foreach (var item in (JsonArray)list["items"]!)
            {
                state[(string)item!["metadata"]!["name"]!] = (JsonObject)item.DeepClone();
            }

            resourceVersion = ResourceVersions.Parse((string?)list["metadata"]?["resourceVersion"], list.ToJsonString());
            Relists++;
        }
    }

    private async Task RunAsync(CancellationToken ct)
    {
        var first = true;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                while (paused)
                {
                    await Task.Delay(50, ct);
                }

                using var current = CancellationTokenSource.CreateLinkedTokenSource(ct);
                lock (gate) connection = current;
                using var api = ApiClient.Https(emulator, emulator.AdminToken);
                await using var watch = await api.WatchAsync($"{collectionPath}?watch=true&allowWatchBookmarks=true&resourceVersion={ResourceVersion}");
                if (watch.StatusCode == HttpStatusCode.Gone)
                {
                    ExpiredAnswers++;
                    await RelistAsync(ct);
                    continue;
                }

                if (watch.StatusCode != HttpStatusCode.OK)
                {
                    failure = $"The watch answered {(int)watch.StatusCode}: {await watch.ReadToEndAsync(ct)}";
                    return;
                }

                if (!first)
                {
                    Resumes++;
                }

                first = false;

                while (await watch.ReadEventAsync(current.Token) is { } e)
                {
                    if (!Fold(e))
                    {
                        ExpiredAnswers++;
                        await RelistAsync(ct);
                        break;
                    }
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException or InvalidOperationException
                                          or System.Security.Authentication.AuthenticationException or XunitException)
            {
                // The server is down (killed or restarting): reconnect from the last seen resourceVersion.
                try
                {
                    await Task.Delay(200, ct);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Applies one event; false when it is a 410 Expired, which requires a re-list.</summary>
    private bool Fold(JsonObject e)
    {
        var type = (string?)e["type"];
        var obj = e["object"] as JsonObject ?? throw new XunitException($"A watch event without an object: {e}");
        if (type == "ERROR")
        {
            if ((int?)obj["code"] == 410 && (string?)obj["reason"] == "Expired")
            {
                return false;
            }

            failure = $"Unexpected ERROR event: {e}";
            return true;
        }

        var rv = ResourceVersions.Of(obj);
        lock (gate)
        {
            if (type == "BOOKMARK")
            {
                resourceVersion = Math.Max(resourceVersion, rv);
                return true;
            }

            if (rv <= resourceVersion)
            {
                failure ??= $"Event {type} at resourceVersion {rv} is not after {resourceVersion}: {e}";
            }

            var name = (string)obj["metadata"]!["name"]!;
            switch (type)
            {
                case "ADDED" or "MODIFIED":
                    state[name] = obj;
                    break;
                case "DELETED":
                    state.Remove(name);
                    break;
                default:
                    failure ??= $"Unknown event type {type}: {e}";
                    break;
            }

            events.Add((type!, name, rv));
            resourceVersion = rv;
        }

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        if (loop is not null)
        {
            await loop;
        }

        stop.Dispose();
    }
}
