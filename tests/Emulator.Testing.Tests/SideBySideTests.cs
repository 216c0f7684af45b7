using System.Net.Sockets;
using k8s;
using k8s.Models;

namespace Emulator.Testing.Tests;

/// <summary>Two clusters in one test process stay apart, and a disposed one stops listening and leaves no data dir.</summary>
public sealed class SideBySideTests
{
    [Fact]
    public async Task Two_clusters_run_side_by_side_with_their_own_objects_and_addresses()
    {
        await using var first = await EmulatedCluster.StartAsync();
        await using var second = await EmulatedCluster.StartAsync();
        Assert.NotEqual(first.ApiUri, second.ApiUri);
        Assert.NotEqual(first.PodCidr, second.PodCidr);
        Assert.NotEqual(first.ServiceCidr, second.ServiceCidr);

        await first.Client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "only-in-first" }, Data = new Dictionary<string, string> { ["k"] = "v" } }, "default");
        var inFirst = await first.Client.CoreV1.ListNamespacedConfigMapAsync("default");
        var inSecond = await second.Client.CoreV1.ListNamespacedConfigMapAsync("default");
        Assert.Contains(inFirst.Items, c => c.Metadata.Name == "only-in-first");
        Assert.DoesNotContain(inSecond.Items, c => c.Metadata.Name == "only-in-first");

        // Each cluster's `kubernetes` Service lives in its own service range.
        var k1 = await first.Client.CoreV1.ReadNamespacedServiceAsync("kubernetes", "default");
        var k2 = await second.Client.CoreV1.ReadNamespacedServiceAsync("kubernetes", "default");
        Assert.NotEqual(k1.Spec.ClusterIP, k2.Spec.ClusterIP);

        // The first client does not trust the second cluster's CA: each cluster has a PKI of its own.
        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(first.KubeconfigPath);
        config.Host = second.ApiUri.ToString();
        using var crossed = new Kubernetes(config);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => crossed.CoreV1.ListNamespaceAsync());
    }

    [Fact]
    public async Task Dispose_stops_the_api_and_removes_the_temporary_data_dir()
    {
        var cluster = await EmulatedCluster.StartAsync();
        var nodes = await cluster.Client.CoreV1.ListNodeAsync();
        Assert.Single(nodes.Items);
        var dataDir = cluster.DataDir;
        var api = cluster.ApiUri;
        var http = cluster.HttpUri;
        Assert.True(File.Exists(Path.Combine(dataDir, "emulator.db")));

        await cluster.DisposeAsync();

        Assert.False(Directory.Exists(dataDir), $"{dataDir} is still there");
        Assert.False(await Listening(api.Port), $"port {api.Port} still accepts connections");
        Assert.False(await Listening(http.Port), $"port {http.Port} still accepts connections");
        // A second cluster starts cleanly after the first is gone (nothing static was left behind).
        await using var next = await EmulatedCluster.StartAsync(new EmulatedClusterOptions { Nodes = 2 });
        Assert.Equal(2, (await next.Client.CoreV1.ListNodeAsync()).Items.Count);
    }

    private static async Task<bool> Listening(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
