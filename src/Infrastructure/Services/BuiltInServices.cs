using System.Text.Json.Nodes;
using Emulator.Domain.Allocation;

namespace Emulator.Infrastructure.Services;

/// <summary>
/// The two Services every cluster has: default/kubernetes (first IP of the range, https 443 → the API port;
/// k/k pkg/controlplane/controller/kubernetesservice/controller.go) and kube-system/kube-dns (tenth IP, dns 53/UDP,
/// dns-tcp 53/TCP, metrics 9153/TCP; kubeadm's cmd/kubeadm/app/phases/addons/dns/manifests.go).
/// </summary>
public static class BuiltInServices
{
    public static JsonObject Kubernetes(ClusterOptions options)
    {
        var ip = IpRange.Parse(options.ServiceCidr).At(0).ToString();
        return Service("kubernetes", "default", ip,
            new JsonObject { ["component"] = "apiserver", ["provider"] = "kubernetes" },
            annotations: null, selector: null,
            [Port("https", "TCP", 443, options.ApiPort)]);
    }

    public static JsonObject KubeDns(ClusterOptions options)
    {
        var ip = IpRange.Parse(options.ServiceCidr).At(9).ToString();
        return Service("kube-dns", "kube-system", ip,
            new JsonObject { ["k8s-app"] = "kube-dns", ["kubernetes.io/cluster-service"] = "true", ["kubernetes.io/name"] = "CoreDNS" },
            new JsonObject { ["prometheus.io/port"] = "9153", ["prometheus.io/scrape"] = "true" },
            new JsonObject { ["k8s-app"] = "kube-dns" },
            [Port("dns", "UDP", 53, 53), Port("dns-tcp", "TCP", 53, 53), Port("metrics", "TCP", 9153, 9153)]);
    }

    private static JsonObject Service(string name, string ns, string ip, JsonObject labels, JsonObject? annotations, JsonObject? selector,
        JsonNode[] ports)
    {
        var meta = new JsonObject { ["name"] = name, ["namespace"] = ns, ["labels"] = labels };
        if (annotations is not null) meta["annotations"] = annotations;
        var spec = new JsonObject
        {
            ["ports"] = new JsonArray(ports),
            ["clusterIP"] = ip,
            ["clusterIPs"] = new JsonArray(ip),
            ["type"] = "ClusterIP",
            ["sessionAffinity"] = "None",
            ["ipFamilyPolicy"] = "SingleStack",
        };
        if (selector is not null) spec["selector"] = selector;
        return new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Service", ["metadata"] = meta, ["spec"] = spec };
    }

    private static JsonObject Port(string name, string protocol, int port, int targetPort) => new()
    {
        ["name"] = name, ["protocol"] = protocol, ["port"] = port,
        ["targetPort"] = targetPort,
    };
}
