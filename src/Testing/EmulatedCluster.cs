using System.Globalization;
using Emulator.Api.Hosting;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Emulator.Testing;

/// <summary>
/// The Kubernetes API emulator running inside the test process: the same WebApplication as the emulator's own
/// process (<see cref="EmulatorHost"/>), on free loopback ports and a temporary data dir, with a
/// <see cref="Kubernetes"/> client that trusts its CA. Dispose stops the API, controllers, kubelet, proxy and DNS and
/// removes the data dir.
/// <code>
/// await using var cluster = await EmulatedCluster.StartAsync();
/// await cluster.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new() { Name = "demo" } });
/// </code>
/// </summary>
public sealed class EmulatedCluster : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly bool ownsDataDir;
    private readonly string reservedRange;
    private int disposed;

    private EmulatedCluster(WebApplication app, string dataDir, bool ownsDataDir, (int Api, int Http, int Dns) ports, string reservedRange, string podCidr, string serviceCidr)
    {
        this.app = app;
        this.ownsDataDir = ownsDataDir;
        this.reservedRange = reservedRange;
        DataDir = dataDir;
        ApiUri = new Uri($"https://127.0.0.1:{ports.Api}");
        HttpUri = new Uri($"http://127.0.0.1:{ports.Http}");
        DnsPort = ports.Dns;
        PodCidr = podCidr;
        ServiceCidr = serviceCidr;
        Client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(KubeconfigPath));
    }

    /// <summary>An admin client (bearer token, the emulator's CA as the only trusted root).</summary>
    public Kubernetes Client { get; }

    /// <summary>A kubeconfig for kubectl, helm or any other client: <c>kubectl --kubeconfig $KubeconfigPath get pods</c>.</summary>
    public string KubeconfigPath => Path.Combine(DataDir, "kubeconfig");

    /// <summary>The HTTPS Kubernetes API.</summary>
    public Uri ApiUri { get; }

    /// <summary>The plain HTTP port (no token): Swagger UI at /swagger, Postman.</summary>
    public Uri HttpUri { get; }

    /// <summary>The embedded DNS server's port on 127.0.0.1 (UDP and TCP).</summary>
    public int DnsPort { get; }

    public string DataDir { get; }

    public string PodCidr { get; }

    public string ServiceCidr { get; }

    /// <summary>The emulator's services (GenericRegistry, ObjectStore...), for tests that look beneath the API.</summary>
    public IServiceProvider Services => app.Services;

    public static async Task<EmulatedCluster> StartAsync(EmulatedClusterOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new EmulatedClusterOptions();
        var ownsDataDir = options.DataDir is null;
        var dataDir = options.DataDir ?? Path.Combine(Path.GetTempPath(), $"emulated-cluster-{Guid.NewGuid():N}");
        var ranges = AddressPlan.Ranges();
        var podCidr = options.PodCidr ?? ranges.Pods;
        var serviceCidr = options.ServiceCidr ?? ranges.Services;
        var ports = AddressPlan.Ports();
        var flags = CommandLine.Parse(
        [
            "--data-dir", dataDir,
            "--api-port", Invariant(ports.Api),
            "--http-port", Invariant(ports.Http),
            "--dns-port", Invariant(ports.Dns),
            "--nodes", Invariant(options.Nodes),
            "--pod-cidr", podCidr,
            "--service-cidr", serviceCidr,
            "--load-balancer-range", ranges.LoadBalancers,
            "--controllers", options.Controllers ? "true" : "false",
        ], out _);

        var app = EmulatorHost.Build(flags, builder =>
        {
            builder.Logging.ClearProviders();
            options.Logging?.Invoke(builder.Logging);
        });
        var cluster = new EmulatedCluster(app, dataDir, ownsDataDir, ports, ranges.Pods, podCidr, serviceCidr);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.StartTimeout);
            await app.StartAsync(timeout.Token);
            await cluster.WaitUntilReadyAsync(options, timeout.Token);
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
        return cluster;
    }

    /// <summary>Ready as kubectl users expect it: /readyz answers, the default namespace exists and the nodes are Ready.</summary>
    private async Task WaitUntilReadyAsync(EmulatedClusterOptions options, CancellationToken ct)
    {
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                await Client.CoreV1.ReadNamespaceAsync("default", cancellationToken: ct);
                if (!options.Controllers) return;
                var nodes = await Client.CoreV1.ListNodeAsync(cancellationToken: ct);
                var ready = nodes.Items.Count(n => n.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true);
                if (ready >= options.Nodes) return;
            }
            catch (Exception e) when (e is HttpRequestException or k8s.Autorest.HttpOperationException && !ct.IsCancellationRequested)
            {
            }
            await Task.Delay(100, ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1) return;
        Client.Dispose();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await app.StopAsync(timeout.Token);
        }
        finally
        {
            await app.DisposeAsync();
            AddressPlan.Release(reservedRange);
            if (ownsDataDir) TryDelete(DataDir);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
