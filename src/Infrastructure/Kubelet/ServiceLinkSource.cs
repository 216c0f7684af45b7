using System.Text.Json.Nodes;
using Emulator.Domain.Resources;
using Emulator.Domain.Workloads;
using Emulator.Infrastructure.Storage;

namespace Emulator.Infrastructure.Kubelet;

/// <summary>
/// The kubelet's Service cache for environment variables: the Services in the store at container start. When the
/// default/kubernetes Service has not been written (yet), its variables still come from the address plan (the first
/// service IP, port 443), because every real container has them.
/// </summary>
public sealed class ServiceLinkSource(ObjectStore store, ClusterOptions cluster)
{
    public IReadOnlyDictionary<string, string> For(string ns, bool enableServiceLinks)
    {
        var services = store.List(new ResourceKey("", "services"), null).Items.Select(s => s.Object).ToList();
        if (!services.Any(s => s.Namespace() == "default" && s.Name() == "kubernetes")) services.Add(KubernetesService());
        return ServiceLinks.For(services, ns, enableServiceLinks);
    }

    private JsonObject KubernetesService()
    {
        var network = cluster.ServiceCidr.Split('/')[0].Split('.');
        var first = $"{network[0]}.{network[1]}.{network[2]}.{int.Parse(network[3], System.Globalization.CultureInfo.InvariantCulture) + 1}";
        return new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "kubernetes", ["namespace"] = "default" },
            ["spec"] = new JsonObject
            {
                ["clusterIP"] = first,
                ["ports"] = new JsonArray(new JsonObject { ["name"] = "https", ["port"] = 443, ["protocol"] = "TCP" }),
            },
        };
    }
}
