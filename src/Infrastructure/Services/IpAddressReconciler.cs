using System.Text.Json.Nodes;
using Emulator.Domain.Errors;
using Emulator.Domain.Resources;
using Emulator.Infrastructure.Controllers.Framework;
using Emulator.Infrastructure.Registry;
using Emulator.Infrastructure.Storage;

namespace Emulator.Infrastructure.Services;

/// <summary>
/// Keeps the networking.k8s.io/v1 objects in step with the allocations: the ServiceCIDR "kubernetes" built from
/// --service-cidr, and one IPAddress per held ClusterIP (name = the IP, parentRef = the Service, the labels of
/// k/k pkg/registry/core/service/ipallocator/ipallocator.go). Writes happen after the Service commit, never inside
/// the allocation hook. One key for the whole set: bursts of Service events collapse into one pass.
/// </summary>
public sealed class IpAddressReconciler(GenericRegistry registry, ClusterOptions options) : IReconciler
{
    public const string ManagedBy = "ipallocator.k8s.io";
    private static readonly ObjectKey AllKey = new("networking.k8s.io", "ipaddresses", "", "*");
    private static readonly ResourceKey IpAddresses = new("networking.k8s.io", "ipaddresses");
    private static readonly ResourceKey ServiceCidrs = new("networking.k8s.io", "servicecidrs");

    public string Name => "ipaddress-allocator";

    public IReadOnlyList<ResourceKey> Watches { get; } = [ServiceAllocators.Services, IpAddresses, ServiceCidrs];

    public TimeSpan ResyncPeriod { get; } = TimeSpan.FromSeconds(30);

    public IEnumerable<ObjectKey> KeysFor(WatchEvent e) => [AllKey];

    public IEnumerable<ObjectKey> AllKeys() => [AllKey];

    public async Task ReconcileAsync(ObjectKey key, CancellationToken ct)
    {
        await EnsureServiceCidrAsync(ct);
        var ipDef = registry.Catalog.Get("networking.k8s.io", "IPAddress");
        var desired = new Dictionary<string, (string Ns, string Name)>();
        foreach (var svc in registry.Store.List(ServiceAllocators.Services, null).Items.Select(o => o.Object).OrderBy(o => o.Meta().Str("creationTimestamp"), StringComparer.Ordinal))
            foreach (var ip in ServiceAllocators.HeldIps(svc))
                desired.TryAdd(ip.ToString(), (svc.Namespace() ?? "", svc.Name()));
        var existing = registry.Store.List(IpAddresses, null).Items.Select(o => o.Object)
            .Where(o => o.Labels().GetValueOrDefault("ipaddress.kubernetes.io/managed-by") == ManagedBy)
            .ToDictionary(o => o.Name());
        foreach (var (name, obj) in existing)
        {
            var parent = obj["spec"]?["parentRef"];
            if (desired.TryGetValue(name, out var owner) && parent.Str("namespace") == owner.Ns && parent.Str("name") == owner.Name) continue;
            await IgnoreMissingAsync(() => registry.DeleteAsync(ipDef, null, name, new DeleteOptions(), ct));
            existing.Remove(name);
        }
        foreach (var (ip, owner) in desired)
        {
            if (existing.ContainsKey(ip) || registry.Get(ipDef, null, ip) is not null) continue;
            await IgnoreMissingAsync(() => registry.CreateAsync(ipDef, null, IpAddress(ip, owner.Ns, owner.Name), dryRun: false, ct));
        }
    }

    private async Task EnsureServiceCidrAsync(CancellationToken ct)
    {
        var def = registry.Catalog.Get("networking.k8s.io", "ServiceCIDR");
        if (registry.Get(def, null, "kubernetes") is not null) return;
        var cidr = new JsonObject
        {
            ["apiVersion"] = "networking.k8s.io/v1", ["kind"] = "ServiceCIDR",
            ["metadata"] = new JsonObject { ["name"] = "kubernetes" },
            ["spec"] = new JsonObject { ["cidrs"] = new JsonArray(Domain.Allocation.IpRange.Parse(options.ServiceCidr).Cidr) },
        };
        var created = await IgnoreMissingAsync(() => registry.CreateAsync(def, null, cidr, dryRun: false, ct));
        if (created is null) return;
        var now = SystemFields.Timestamp(DateTimeOffset.UtcNow);
        await IgnoreMissingAsync(() => registry.GuaranteedUpdateAsync(def, null, "kubernetes", "status", false, obj =>
        {
            obj["status"] = new JsonObject
            {
                ["conditions"] = new JsonArray(new JsonObject
                {
                    ["type"] = "Ready", ["status"] = "True", ["lastTransitionTime"] = now,
                    ["reason"] = "", ["message"] = "Kubernetes Service CIDR is ready",
                }),
            };
            return obj;
        }, ct));
    }

    private static JsonObject IpAddress(string ip, string ns, string name) => new()
    {
        ["apiVersion"] = "networking.k8s.io/v1", ["kind"] = "IPAddress",
        ["metadata"] = new JsonObject
        {
            ["name"] = ip,
            ["labels"] = new JsonObject
            {
                ["ipaddress.kubernetes.io/ip-family"] = ip.Contains(':', StringComparison.Ordinal) ? "IPv6" : "IPv4",
                ["ipaddress.kubernetes.io/managed-by"] = ManagedBy,
            },
        },
        ["spec"] = new JsonObject
        {
            ["parentRef"] = new JsonObject { ["resource"] = "services", ["namespace"] = ns, ["name"] = name },
        },
    };

    private static async Task<WriteResult?> IgnoreMissingAsync(Func<Task<WriteResult>> write)
    {
        try
        {
            return await write();
        }
        catch (StatusException e) when (e.Code is 404 or 409)
        {
            return null;
        }
    }
}
