using k8s;
using k8s.Models;

namespace Emulator.Testing.Tests;

/// <summary>
/// What a client-tool author writes: start a cluster in the test, drive it with the official C# client, see the
/// controllers and the simulated kubelet do their work, and dispose it.
/// </summary>
public sealed class ExampleTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_deployment_gets_ready_pods_and_its_service_gets_endpoints()
    {
        await using var cluster = await EmulatedCluster.StartAsync();
        var client = cluster.Client;
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "demo" } });
        var labels = new Dictionary<string, string> { ["app"] = "web" };
        await client.AppsV1.CreateNamespacedDeploymentAsync(new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = "web" },
            Spec = new V1DeploymentSpec
            {
                Replicas = 2,
                Selector = new V1LabelSelector { MatchLabels = labels },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = labels },
                    Spec = new V1PodSpec
                    {
                        Containers = [new V1Container { Name = "web", Image = "jpetazzo/httpenv", Ports = [new V1ContainerPort { ContainerPort = 8888 }] }],
                    },
                },
            },
        }, "demo");
        await client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "web" },
            Spec = new V1ServiceSpec { Selector = labels, Ports = [new V1ServicePort { Port = 80, TargetPort = 8888 }] },
        }, "demo");

        var pods = await Eventually(async () =>
        {
            var list = await client.CoreV1.ListNamespacedPodAsync("demo", labelSelector: "app=web");
            return list.Items.Count(p => p.Status?.Phase == "Running" && !string.IsNullOrEmpty(p.Status.PodIP)) == 2 ? list.Items : null;
        });
        Assert.All(pods, p => Assert.True(Within(cluster.PodCidr, p.Status.PodIP), $"{p.Status.PodIP} is outside {cluster.PodCidr}"));

        var service = await client.CoreV1.ReadNamespacedServiceAsync("web", "demo");
        Assert.True(Within(cluster.ServiceCidr, service.Spec.ClusterIP), $"{service.Spec.ClusterIP} is outside {cluster.ServiceCidr}");

        var addresses = await Eventually(async () =>
        {
            var slices = await client.DiscoveryV1.ListNamespacedEndpointSliceAsync("demo", labelSelector: "kubernetes.io/service-name=web");
            var ready = slices.Items.SelectMany(s => s.Endpoints ?? []).Where(e => e.Conditions?.Ready == true).SelectMany(e => e.Addresses).Order().ToList();
            return ready.Count == 2 ? ready : null;
        });
        Assert.Equal(pods.Select(p => p.Status.PodIP).Order(), addresses);

        var deployment = await client.AppsV1.ReadNamespacedDeploymentAsync("web", "demo");
        Assert.Equal(2, deployment.Status.ReadyReplicas);
        Assert.True(File.Exists(cluster.KubeconfigPath));
        Assert.Contains(cluster.ApiUri.ToString().TrimEnd('/'), await File.ReadAllTextAsync(cluster.KubeconfigPath));
    }

    private static async Task<T> Eventually<T>(Func<Task<T?>> probe) where T : class
    {
        using var deadline = new CancellationTokenSource(Deadline);
        while (true)
        {
            if (await probe() is { } value) return value;
            if (deadline.IsCancellationRequested) throw new TimeoutException($"not reached within {Deadline.TotalSeconds} s");
            await Task.Delay(200);
        }
    }

    private static bool Within(string cidr, string ip) =>
        System.Net.IPNetwork.Parse(cidr).Contains(System.Net.IPAddress.Parse(ip));
}
