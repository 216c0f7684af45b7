using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Emulator.Domain.Security;
using Emulator.Infrastructure.Storage;
using k8s;
using k8s.Models;

namespace Emulator.Api.Hosting;

/// <summary>
/// Start-up work moved onto the second core (ADR 0020). Until the host is built the process runs on one thread, and
/// most of what follows is JIT of generic code that ReadyToRun cannot precompile (framework generics instantiated
/// over KubernetesClient's and our types). JIT results and System.Text.Json's type metadata are process-wide, so
/// doing that work here, in parallel with WebApplication.CreateBuilder and the host build, takes it off the path to
/// the first /readyz instead of adding to it. Nothing here is needed for correctness: a warm-up that has not finished
/// (or failed) only means the same work happens later where it is first used.
/// </summary>
public static class StartupWarmup
{
    /// <summary>From Program.Main: serializes the models the RBAC bootstrap and the controllers' first sync use.</summary>
    public static void Begin()
    {
        if (Environment.GetEnvironmentVariable("EMULATOR_STARTUP_WARMUP") == "0") return;
        new Thread(Run) { IsBackground = true, Name = "start-up warm-up" }.Start();
    }

    private static void Run()
    {
        try
        {
            // The RBAC bootstrap on a fresh data dir, and the aggregation controller on every start.
            var role = BootstrapPolicy.ClusterRoles()[0];
            JsonNode.Parse(KubernetesJson.Serialize(role));
            KubernetesJson.Deserialize<V1ClusterRole>(KubernetesJson.Serialize(role));
            var binding = BootstrapPolicy.ClusterRoleBindings()[0];
            KubernetesJson.Deserialize<V1ClusterRoleBinding>(KubernetesJson.Serialize(binding));
            // The endpoint controllers' first sync over the built-in Services (kubernetes, kube-dns).
            var service = KubernetesJson.Deserialize<V1Service>(ServiceJson);
            KubernetesJson.Deserialize<V1Endpoints>(KubernetesJson.Serialize(new V1Endpoints
            {
                Metadata = service.Metadata,
                Subsets = [new V1EndpointSubset { Addresses = [new V1EndpointAddress { Ip = "127.0.0.1" }], Ports = [new Corev1EndpointPort { Port = 443, Name = "https", Protocol = "TCP" }] }],
            }));
            KubernetesJson.Deserialize<V1EndpointSlice>(KubernetesJson.Serialize(new V1EndpointSlice
            {
                AddressType = "IPv4", Metadata = service.Metadata,
                Endpoints = [new V1Endpoint { Addresses = ["127.0.0.1"], Conditions = new V1EndpointConditions { Ready = true } }],
                Ports = [new Discoveryv1EndpointPort { Port = 443, Name = "https", Protocol = "TCP" }],
            }));
            KubernetesJson.Deserialize<V1Node>("""{"metadata":{"name":"n","creationTimestamp":"2026-01-01T00:00:00Z"},"status":{"conditions":[{"type":"Ready","status":"True","lastHeartbeatTime":"2026-01-01T00:00:00Z"}]}}""");
            StartupTrace.Mark("warm-up done");
        }
        catch (Exception e)
        {
            // Only ever a lost head start; say so when tracing.
            if (StartupTrace.Enabled) Console.Error.WriteLine($"startup-trace warm-up failed: {e.Message}");
        }
    }

    private const string ServiceJson = """
        {"apiVersion":"v1","kind":"Service","metadata":{"name":"kubernetes","namespace":"default","uid":"u","resourceVersion":"1",
         "creationTimestamp":"2026-01-01T00:00:00Z","labels":{"component":"apiserver","provider":"kubernetes"}},
         "spec":{"type":"ClusterIP","clusterIP":"127.96.0.1","clusterIPs":["127.96.0.1"],"ipFamilies":["IPv4"],"ipFamilyPolicy":"SingleStack",
          "ports":[{"name":"https","port":443,"protocol":"TCP","targetPort":6443}],"selector":{"k":"v"},"sessionAffinity":"None",
          "internalTrafficPolicy":"Cluster"},"status":{"loadBalancer":{}}}
        """;

    /// <summary>
    /// Kestrel builds the serving certificate's chain (loading the system trust store on first use) when the HTTPS
    /// endpoint starts, on the thread that then opens the listeners; built here first, that start finds the store
    /// loaded and the chain code compiled.
    /// </summary>
    public static void Certificate(X509Certificate2 serving)
    {
        if (Environment.GetEnvironmentVariable("EMULATOR_STARTUP_WARMUP") == "0") return;
        new Thread(() =>
        {
            try
            {
                SslStreamCertificateContext.Create(serving, additionalCertificates: null);
                StartupTrace.Mark("certificate chain built");
            }
            catch (Exception e)
            {
                if (StartupTrace.Enabled) Console.Error.WriteLine($"startup-trace certificate warm-up failed: {e.Message}");
            }
        }) { IsBackground = true, Name = "start-up certificate warm-up" }.Start();
    }

    /// <summary>
    /// Opens the store (SQLite, schema, loading every object) on another thread while the main thread loads the PKI,
    /// builds the host and maps the endpoints; the ObjectStore registration then hands out that instance. Only for a
    /// process that listens: the in-memory test hosts keep the plain registration.
    /// </summary>
    public static Task<ObjectStore>? OpenStoreEarly(IServiceCollection services)
    {
        if (Environment.GetEnvironmentVariable("EMULATOR_STARTUP_WARMUP") == "0") return null;
        var options = services.LastOrDefault(d => d.ServiceType == typeof(StoreOptions))?.ImplementationInstance as StoreOptions;
        var index = services.Select((d, i) => (d, i)).LastOrDefault(x => x.d.ServiceType == typeof(ObjectStore) && !x.d.IsKeyedService);
        if (options is null || index.d is not { ImplementationType: not null }) return null;
        var opening = Task.Factory.StartNew(() =>
        {
            var store = new ObjectStore(options);
            StartupTrace.Mark("store opened");
            return store;
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        // A factory registration, so the container still owns (and disposes) the store.
        services[index.i] = ServiceDescriptor.Singleton(_ => opening.GetAwaiter().GetResult());
        return opening;
    }

    /// <summary>Build failed after the store started opening: close it, as the container would have.</summary>
    public static void Abandon(Task<ObjectStore>? opening)
    {
        if (opening is null) return;
        try
        {
            opening.GetAwaiter().GetResult().Dispose();
        }
        catch
        {
            // It failed to open; the build's own error is the one to report.
        }
    }
}
