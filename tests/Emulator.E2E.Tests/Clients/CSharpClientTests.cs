using System.Collections.Concurrent;
using Emulator.E2E.Tests.Harness;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Emulator.E2E.Tests.Clients;

/// <summary>The official C# client (KubernetesClient) against the real process, loaded from the written kubeconfig.</summary>
[Collection(SharedEmulatorCollection.Name)]
public sealed class CSharpClientTests(EmulatorFixture fixture)
{
    private Kubernetes Client() =>
        new(KubernetesClientConfiguration.BuildConfigFromConfigFile(fixture.Emulator.KubeconfigPath));

    [Fact]
    public async Task Create_get_list_patch_and_delete_round_trip_through_the_typed_client()
    {
        using var client = Client();
        var ns = await fixture.CreateNamespaceAsync("csharp-crud");
        var created = await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = "settings", Labels = new Dictionary<string, string> { ["app"] = "demo" } },
            Data = new Dictionary<string, string> { ["mode"] = "fast" },
        }, ns);
        Assert.Equal(ns, created.Metadata.NamespaceProperty);
        Assert.False(string.IsNullOrEmpty(created.Metadata.Uid));

        var listed = await client.CoreV1.ListNamespacedConfigMapAsync(ns, labelSelector: "app=demo");
        Assert.Equal(["settings"], listed.Items.Select(i => i.Metadata.Name));

        var patch = new V1Patch("""{"data":{"mode":"slow"}}""", V1Patch.PatchType.MergePatch);
        var patched = await client.CoreV1.PatchNamespacedConfigMapAsync(patch, "settings", ns);
        Assert.Equal("slow", patched.Data["mode"]);
        Assert.NotEqual(created.Metadata.ResourceVersion, patched.Metadata.ResourceVersion);

        await client.CoreV1.DeleteNamespacedConfigMapAsync("settings", ns);
        var missing = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ReadNamespacedConfigMapAsync("settings", ns));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.Response.StatusCode);
        Assert.Contains("configmaps \\\"settings\\\" not found", missing.Response.Content);
    }

    [Fact]
    public async Task WatchAsync_delivers_added_modified_and_deleted_in_order()
    {
        using var client = Client();
        var ns = await fixture.CreateNamespaceAsync("csharp-watch");
        var list = await client.CoreV1.ListNamespacedConfigMapAsync(ns);
        var seen = new BlockingCollection<(WatchEventType Type, string Name)>();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var watching = Task.Run(async () =>
        {
            await foreach (var (type, item) in client.CoreV1.WatchListNamespacedConfigMapAsync(
                ns, resourceVersion: list.Metadata.ResourceVersion, cancellationToken: cts.Token))
            {
                seen.Add((type, item.Metadata.Name));
                if (type == WatchEventType.Deleted) break;
            }
        }, cts.Token);

        await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "w" } }, ns);
        await client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"data":{"k":"v"}}""", V1Patch.PatchType.MergePatch), "w", ns);
        await client.CoreV1.DeleteNamespacedConfigMapAsync("w", ns);
        await watching;

        Assert.Equal(
            [(WatchEventType.Added, "w"), (WatchEventType.Modified, "w"), (WatchEventType.Deleted, "w")],
            seen.ToArray());
    }

    [Fact]
    public async Task A_list_then_watch_informer_loop_converges_on_the_server_state()
    {
        using var client = Client();
        var ns = await fixture.CreateNamespaceAsync("csharp-informer");
        for (var i = 0; i < 3; i++)
            await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = $"pre-{i}" } }, ns);

        // The informer pattern: LIST for the state and its resourceVersion, then WATCH from it into a local cache.
        var cache = new ConcurrentDictionary<string, V1ConfigMap>();
        var initial = await client.CoreV1.ListNamespacedConfigMapAsync(ns);
        foreach (var item in initial.Items) cache[item.Metadata.Name] = item;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var synced = new TaskCompletionSource();
        var loop = Task.Run(async () =>
        {
            await foreach (var (type, item) in client.CoreV1.WatchListNamespacedConfigMapAsync(
                ns, resourceVersion: initial.Metadata.ResourceVersion, cancellationToken: cts.Token))
            {
                if (type == WatchEventType.Deleted) cache.TryRemove(item.Metadata.Name, out _);
                else cache[item.Metadata.Name] = item;
                if (cache.ContainsKey("post") && !cache.ContainsKey("pre-0")) { synced.TrySetResult(); break; }
            }
        }, cts.Token);

        await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "post" } }, ns);
        await client.CoreV1.DeleteNamespacedConfigMapAsync("pre-0", ns);
        await synced.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await loop;

        var server = (await client.CoreV1.ListNamespacedConfigMapAsync(ns)).Items.Select(i => i.Metadata.Name).Order();
        Assert.Equal(server, cache.Keys.Order());
    }
}
