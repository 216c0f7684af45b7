using k8s.Models;

namespace Emulator.Domain.Tests.Endpoints;

/// <summary>Small builders for the planner tables: a Service and the pods it may select.</summary>
internal static class EndpointFixtures
{
    public static readonly DateTime Created = new(2025, 6, 1, 10, 0, 0, DateTimeKind.Utc);

    public static V1Service Service(string name = "web", string? clusterIp = "10.96.0.20", bool publishNotReady = false,
        IDictionary<string, string>? selector = null, IList<V1ServicePort>? ports = null, string type = "ClusterIP",
        IDictionary<string, string>? labels = null, IList<string>? families = null) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name, NamespaceProperty = "default", Uid = $"uid-svc-{name}", CreationTimestamp = Created,
            Labels = labels ?? new Dictionary<string, string> { ["app"] = name },
        },
        Spec = new V1ServiceSpec
        {
            Type = type,
            ClusterIP = clusterIp,
            Selector = selector ?? new Dictionary<string, string> { ["app"] = "web" },
            Ports = ports ?? [Port(8080)],
            PublishNotReadyAddresses = publishNotReady,
            IpFamilies = families ?? ["IPv4"],
        },
    };

    public static V1ServicePort Port(int target, string? name = null, string protocol = "TCP", int port = 80) =>
        new() { Name = name, Port = port, Protocol = protocol, TargetPort = target };

    public static V1ServicePort NamedPort(string targetName, string? name = null, string protocol = "TCP", int port = 80) =>
        new() { Name = name, Port = port, Protocol = protocol, TargetPort = targetName };

    public static V1Pod Pod(string name, string? ip = "10.244.1.5", bool ready = true, string phase = "Running", string node = "node-1",
        IDictionary<string, string>? labels = null, bool terminating = false, IList<V1ContainerPort>? containerPorts = null,
        string? hostname = null, string? subdomain = null, IList<string>? ips = null, DateTime? readySince = null) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name, NamespaceProperty = "default", Uid = $"uid-{name}",
            Labels = labels ?? new Dictionary<string, string> { ["app"] = "web" },
            DeletionTimestamp = terminating ? Created.AddMinutes(5) : null,
        },
        Spec = new V1PodSpec
        {
            NodeName = node,
            Hostname = hostname,
            Subdomain = subdomain,
            Containers = [new V1Container { Name = "main", Image = "nginx", Ports = containerPorts }],
        },
        Status = new V1PodStatus
        {
            Phase = phase,
            PodIP = ip,
            PodIPs = ips?.Select(i => new V1PodIP { Ip = i }).ToList() ?? (ip is null ? null : [new V1PodIP { Ip = ip }]),
            Conditions = [new V1PodCondition { Type = "Ready", Status = ready ? "True" : "False", LastTransitionTime = readySince ?? Created.AddSeconds(3) }],
        },
    };

    public static V1ContainerPort ContainerPort(string name, int number, string protocol = "TCP") =>
        new() { Name = name, ContainerPort = number, Protocol = protocol };

    public static Dictionary<string, V1Node> Nodes(params string[] names) =>
        names.ToDictionary(n => n, n => new V1Node { Metadata = new V1ObjectMeta { Name = n, Labels = new Dictionary<string, string>() } });

    public static Dictionary<string, V1Node> ZonedNode(string name, string zone) =>
        new() { [name] = new V1Node { Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["topology.kubernetes.io/zone"] = zone } } } };

    /// <summary>Gives planned slices the identity the store would (name, resourceVersion), as if they had been written.</summary>
    public static List<V1EndpointSlice> Stored(IEnumerable<V1EndpointSlice> slices)
    {
        var i = 0;
        return [.. slices.Select(s =>
        {
            var copy = k8s.KubernetesJson.Deserialize<V1EndpointSlice>(k8s.KubernetesJson.Serialize(s));
            copy.Metadata.Name ??= $"{copy.Metadata.GenerateName}{i++:D5}";
            copy.Metadata.ResourceVersion ??= "1";
            return copy;
        })];
    }
}
