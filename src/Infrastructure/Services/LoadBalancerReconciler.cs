using System.Text.Json.Nodes;
using Emulator.Domain.Errors;
using Emulator.Domain.Resources;
using Emulator.Domain.Resources.Core.Services;
using Emulator.Infrastructure.Controllers.Framework;
using Emulator.Infrastructure.Registry;
using Emulator.Infrastructure.Storage;

namespace Emulator.Infrastructure.Services;

/// <summary>
/// A built-in load-balancer provider (like k3s's ServiceLB or MetalLB): every LoadBalancer Service without a
/// loadBalancerClass gets an ingress IP from --load-balancer-range in status.loadBalancer.ingress, written through
/// the /status subresource. A Service that stops being a LoadBalancer loses its status (the strategy resets it),
/// which frees its address. When the pool is empty the Service stays &lt;pending&gt; with a Warning Event.
/// </summary>
public sealed class LoadBalancerReconciler(GenericRegistry registry, ClusterOptions options, ServiceEvents events) : IReconciler
{
    public const string Component = "service-lb-controller";
    private readonly LoadBalancerPool _pool = new(options.LoadBalancerRange);
    private readonly HashSet<ObjectKey> _warned = [];

    public string Name => "service-lb";

    public IReadOnlyList<ResourceKey> Watches { get; } = [ServiceAllocators.Services];

    public TimeSpan ResyncPeriod { get; } = TimeSpan.FromSeconds(30);

    public IEnumerable<ObjectKey> KeysFor(WatchEvent e)
    {
        yield return e.Key;
        // A LoadBalancer going away (or changing type) frees an address a pending Service may now get.
        if (e.Type == "DELETED" || ServiceFields.Type(e.Object.Object) != "LoadBalancer")
            foreach (var key in Pending()) yield return key;
    }

    public IEnumerable<ObjectKey> AllKeys() =>
        registry.Store.List(ServiceAllocators.Services, null).Items.Where(o => ServiceFields.Type(o.Object) == "LoadBalancer")
            .Select(o => GenericRegistry.KeyOf(Def.Kind, o.Object.Namespace(), o.Object.Name()));

    private ResourceDefinition Def => registry.Catalog.Get("", "Service");

    public async Task ReconcileAsync(ObjectKey key, CancellationToken ct)
    {
        var stored = registry.Store.Get(key);
        if (stored is null || !Managed(stored.Object))
        {
            _warned.Remove(key);
            return;
        }
        var svc = stored.Object;
        var taken = UsedAddresses(key);
        var current = IngressIps(svc);
        if (current.Count > 0 && current.All(ip => _pool.Contains(ip) && !taken.Contains(ip))) return;
        var wanted = svc["spec"].Str("loadBalancerIP");
        var ip = wanted is { Length: > 0 } && _pool.Contains(wanted) && !taken.Contains(wanted)
            ? wanted
            : _pool.Addresses.FirstOrDefault(a => !taken.Contains(a));
        if (ip is null)
        {
            if (_warned.Add(key))
                await events.RecordAsync(svc, "Warning", "AllocationFailed",
                    $"Failed to allocate IP for \"{key.Namespace}/{key.Name}\": no available IPs in pool {options.LoadBalancerRange}", Component, ct);
            return;
        }
        _warned.Remove(key);
        try
        {
            await registry.GuaranteedUpdateAsync(Def, key.Namespace, key.Name, "status", false, obj =>
            {
                if (obj["status"] is not JsonObject status) obj["status"] = status = new JsonObject();
                status["loadBalancer"] = new JsonObject { ["ingress"] = new JsonArray(new JsonObject { ["ip"] = ip, ["ipMode"] = "VIP" }) };
                return obj;
            }, ct);
        }
        catch (StatusException e) when (e.Code == 404)
        {
            return;
        }
        await events.RecordAsync(svc, "Normal", "IPAllocated", $"Assigned IP [\"{ip}\"]", Component, ct);
    }

    private static bool Managed(JsonObject svc) => ServiceFields.Type(svc) == "LoadBalancer" && svc["spec"].Str("loadBalancerClass") is null;

    private IEnumerable<ObjectKey> Pending() =>
        registry.Store.List(ServiceAllocators.Services, null).Items
            .Where(o => Managed(o.Object) && IngressIps(o.Object).Count == 0)
            .Select(o => GenericRegistry.KeyOf(Def.Kind, o.Object.Namespace(), o.Object.Name()));

    // Addresses held by other managed Services; the oldest holder keeps a contested address.
    private HashSet<string> UsedAddresses(ObjectKey self)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var mine = registry.Store.Get(self);
        foreach (var other in registry.Store.List(ServiceAllocators.Services, null).Items)
        {
            var otherKey = GenericRegistry.KeyOf(Def.Kind, other.Object.Namespace(), other.Object.Name());
            if (otherKey == self || !Managed(other.Object)) continue;
            if (mine is not null && string.CompareOrdinal(other.Object.Meta().Str("creationTimestamp"), mine.Object.Meta().Str("creationTimestamp")) > 0
                && IngressIps(mine.Object).Intersect(IngressIps(other.Object)).Any())
                continue;
            foreach (var ip in IngressIps(other.Object)) used.Add(ip);
        }
        return used;
    }

    private static List<string> IngressIps(JsonObject svc) =>
        svc["status"]?["loadBalancer"]?["ingress"] is JsonArray ingress
            ? [.. ingress.OfType<JsonObject>().Select(i => i.Str("ip")).OfType<string>()]
            : [];
}
