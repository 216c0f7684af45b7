using System.Globalization;
using System.Text.Json.Nodes;

namespace Emulator.Domain.Workloads;

/// <summary>
/// The simulated nodes of the address plan (design.md §3): node i (1-based) is "node-i" with InternalIP 127.18.0.(i+1)
/// (kind's 172.18.0.x) and podCIDR 127.244.i.0/24 (kind's 10.244.i.0/24), reporting what a kind worker reports.
/// </summary>
public static class SimulatedNodes
{
    public const string KubeletVersion = "v1.35.2";

    public static string Name(int index) => $"node-{index.ToString(CultureInfo.InvariantCulture)}";

    public static string InternalIp(int index) => $"127.18.0.{(index + 1).ToString(CultureInfo.InvariantCulture)}";

    public static string PodCidr(string podCidr, int index)
    {
        var octets = podCidr.Split('/')[0].Split('.');
        return $"{octets[0]}.{octets[1]}.{index.ToString(CultureInfo.InvariantCulture)}.0/24";
    }

    /// <summary>The index of a node name this emulator owns ("node-2" → 2), or null.</summary>
    public static int? IndexOf(string name) =>
        name.StartsWith("node-", StringComparison.Ordinal) && int.TryParse(name.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i > 0
            ? i : null;

    /// <summary>The Node object as the kubelet registers it (spec, labels, addresses, capacity, nodeInfo), status without conditions.</summary>
    public static JsonObject Create(int index, string podCidr)
    {
        var name = Name(index);
        var cidr = PodCidr(podCidr, index);
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Node",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["labels"] = new JsonObject
                {
                    ["beta.kubernetes.io/arch"] = "amd64", ["beta.kubernetes.io/os"] = "linux",
                    ["kubernetes.io/arch"] = "amd64", ["kubernetes.io/hostname"] = name, ["kubernetes.io/os"] = "linux",
                },
                ["annotations"] = new JsonObject
                {
                    ["node.alpha.kubernetes.io/ttl"] = "0",
                    ["volumes.kubernetes.io/controller-managed-attach-detach"] = "true",
                },
            },
            ["spec"] = new JsonObject
            {
                ["podCIDR"] = cidr,
                ["podCIDRs"] = new JsonArray(cidr),
                ["providerID"] = $"emulator://{name}",
            },
            ["status"] = Status(index, name),
        };
    }

    private static JsonObject Status(int index, string name)
    {
        JsonObject Resources() => new()
        {
            ["cpu"] = "8", ["ephemeral-storage"] = "102400Mi", ["hugepages-1Gi"] = "0", ["hugepages-2Mi"] = "0",
            ["memory"] = "16384Mi", ["pods"] = "110",
        };
        return new JsonObject
        {
            ["addresses"] = new JsonArray(
                new JsonObject { ["type"] = "InternalIP", ["address"] = InternalIp(index) },
                new JsonObject { ["type"] = "Hostname", ["address"] = name }),
            ["allocatable"] = Resources(),
            ["capacity"] = Resources(),
            ["daemonEndpoints"] = new JsonObject { ["kubeletEndpoint"] = new JsonObject { ["Port"] = 10250 } },
            ["nodeInfo"] = new JsonObject
            {
                ["architecture"] = "amd64",
                ["bootID"] = Guid.NewGuid().ToString(),
                ["containerRuntimeVersion"] = "containerd://2.1.3",
                ["kernelVersion"] = "6.8.0-emulator",
                ["kubeProxyVersion"] = KubeletVersion,
                ["kubeletVersion"] = KubeletVersion,
                ["machineID"] = Guid.NewGuid().ToString("N"),
                ["operatingSystem"] = "linux",
                ["osImage"] = "Debian GNU/Linux 12 (bookworm)",
                ["systemUUID"] = Guid.NewGuid().ToString(),
            },
        };
    }

    /// <summary>The four pressure conditions False and Ready True, with kubelet's reasons and messages.</summary>
    public static JsonArray Conditions(string heartbeat, string transition) =>
    [
        Condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available", heartbeat, transition),
        Condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure", heartbeat, transition),
        Condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available", heartbeat, transition),
        Condition("Ready", "True", "KubeletReady", "kubelet is posting ready status", heartbeat, transition),
    ];

    private static JsonObject Condition(string type, string status, string reason, string message, string heartbeat, string transition) => new()
    {
        ["type"] = type, ["status"] = status, ["lastHeartbeatTime"] = heartbeat, ["lastTransitionTime"] = transition,
        ["reason"] = reason, ["message"] = message,
    };
}
