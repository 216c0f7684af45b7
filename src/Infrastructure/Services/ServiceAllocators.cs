using System.Net;
using System.Text.Json.Nodes;
using Emulator.Domain.Allocation;
using Emulator.Domain.Resources;
using Emulator.Domain.Resources.Core.Services;
using Emulator.Infrastructure.Storage;

namespace Emulator.Infrastructure.Services;

/// <summary>
/// The cluster's ClusterIP and NodePort bitmaps. Stored Services are the source of truth: the bitmaps are rebuilt
/// from them when the process starts, so a restart or a crash can neither leak a value nor hand one out twice
/// (the apiserver's repair loops reach the same state from etcd; k/k pkg/registry/core/service/ipallocator/controller/repair.go).
/// Every access holds <see cref="Gate"/>: admission hooks run under the store's write lock, but commits, reverts
/// and releases after deletes do not.
/// </summary>
public sealed class ServiceAllocators
{
    public static readonly ResourceKey Services = new("", "services");

    public ServiceAllocators(ClusterOptions options, ObjectStore store)
    {
        Ips = new ClusterIpAllocator(IpRange.Parse(options.ServiceCidr));
        Ports = new NodePortAllocator(PortRange.Parse(options.NodePortRange));
        Rebuild(store.List(Services, null).Items.Select(o => o.Object));
    }

    public Lock Gate { get; } = new();

    public ClusterIpAllocator Ips { get; }

    public NodePortAllocator Ports { get; }

    public string Family => Ips.Range.Family;

    /// <summary>Marks every value held by <paramref name="services"/>; values held twice or out of range are left to the repair loop.</summary>
    public void Rebuild(IEnumerable<JsonObject> services)
    {
        lock (Gate)
        {
            Ips.Clear();
            Ports.Clear();
            foreach (var svc in services)
            {
                foreach (var ip in HeldIps(svc))
                    if (Ips.Range.IndexOf(ip) is not null && !Ips.Has(ip)) Ips.Allocate(ip);
                foreach (var port in HeldPorts(svc))
                    if (Ports.Range.Contains(port) && !Ports.Has(port)) Ports.Allocate(port);
            }
        }
    }

    /// <summary>Releases everything a deleted Service held.</summary>
    public void ReleaseAll(JsonObject svc)
    {
        lock (Gate)
        {
            foreach (var ip in HeldIps(svc)) Ips.Release(ip);
            foreach (var port in HeldPorts(svc)) Ports.Release(port);
        }
    }

    /// <summary>The ClusterIPs a Service holds (none for headless and ExternalName services).</summary>
    public static IEnumerable<IPAddress> HeldIps(JsonObject svc)
    {
        if (ServiceFields.Type(svc) == "ExternalName") yield break;
        foreach (var text in ServiceFields.ClusterIps(svc))
            if (text != ServiceFields.ClusterIpNone && IPAddress.TryParse(text, out var ip)) yield return ip;
    }

    /// <summary>The node ports and the health-check node port a Service holds (ports sharing a number hold it once).</summary>
    public static IEnumerable<int> HeldPorts(JsonObject svc)
    {
        var ports = ServiceFields.NodePorts(svc).Select(p => (int)p).ToList();
        if (ServiceFields.HealthCheckNodePort(svc) is > 0 and var hc) ports.Add((int)hc);
        return ports.Distinct();
    }
}
