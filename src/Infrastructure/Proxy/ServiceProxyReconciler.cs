using System.Text.Json.Nodes;
using Emulator.Domain.Proxy;
using Emulator.Domain.Resources;
using Emulator.Infrastructure.Controllers.Framework;
using Emulator.Infrastructure.Registry;
using Emulator.Infrastructure.Storage;

namespace Emulator.Infrastructure.Proxy;

/// <summary>
/// Our kube-proxy: keyed by Service, it programs the listener table from the Service, its EndpointSlices and the
/// Nodes (k/k pkg/proxy: ServiceChangeTracker + EndpointsChangeTracker feeding syncProxyRules). The work queue
/// collapses bursts; every change is applied as soon as it is seen (services-spec §6.7 allows immediate sync).
/// </summary>
public sealed class ServiceProxyReconciler(GenericRegistry registry, ProxyListenerTable table, HealthCheckServers healthChecks, ProxyEventRecorder events) : IReconciler
{
    private static readonly ResourceKey Services = new("", "services");
    private static readonly ResourceKey EndpointSlices = new("discovery.k8s.io", "endpointslices");
    private static readonly ResourceKey Nodes = new("", "nodes");

    public string Name => "service-proxy";

    public IReadOnlyList<ResourceKey> Watches { get; } = [Services, EndpointSlices, Nodes];

    public TimeSpan ResyncPeriod => TimeSpan.FromSeconds(30);

    public IEnumerable<ObjectKey> KeysFor(WatchEvent e)
    {
        if (e.Key.ResourceKey == Services) return [e.Key];
        if (e.Key.ResourceKey == Nodes) return AllKeys();
        // A slice may have moved between services (label change): both the old and the new owner need a pass.
        return new[] { e.Object.Object, e.Previous?.Object }
            .Select(o => o?.Labels().GetValueOrDefault(ServiceProxyPlanner.ServiceNameLabel))
            .OfType<string>()
            .Distinct()
            .Select(name => new ObjectKey("", "services", e.Key.Namespace, name));
    }

    public IEnumerable<ObjectKey> AllKeys() =>
        registry.Store.List(Services, null).Items
            .Select(s => new ObjectKey("", "services", s.Object.Namespace() ?? "", s.Object.Name()))
            .Concat(table.Owners.Concat(healthChecks.Owners).Select(o => new ObjectKey("", "services", o.Namespace, o.Name)))
            .Distinct();

    public async Task ReconcileAsync(ObjectKey key, CancellationToken ct)
    {
        var owner = new ProxyListenerTable.ServiceRef(key.Namespace, key.Name);
        var service = registry.Store.Get(key)?.Object;
        if (service is null)
        {
            table.Apply(owner, ServiceProxyPlan.Empty, []);
            healthChecks.Apply(owner, []);
            return;
        }
        var slices = registry.Store.List(EndpointSlices, key.Namespace).Items.Select(s => s.Object);
        var nodes = NodeAddresses();
        var plan = ServiceProxyPlanner.Plan(service, slices, nodes);
        var failures = table.Apply(owner, plan, nodes).Concat(healthChecks.Apply(owner, plan.HealthChecks));
        foreach (var failure in failures) await events.WarnBindFailureAsync(service, failure, ct);
    }

    private List<NodeAddress> NodeAddresses()
    {
        var result = new List<NodeAddress>();
        foreach (var node in registry.Store.List(Nodes, null).Items.Select(n => n.Object))
        {
            var internalIp = (node["status"]?["addresses"] as JsonArray ?? []).OfType<JsonObject>()
                .FirstOrDefault(a => a.Str("type") == "InternalIP")?.Str("address");
            if (internalIp is { Length: > 0 }) result.Add(new NodeAddress(node.Name(), internalIp));
        }
        return result;
    }
}
