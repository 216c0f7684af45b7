using k8s.Models;

namespace Emulator.Domain.Endpoints;

/// <summary>
/// What the apiserver's endpoint reconciler writes for the <c>default/kubernetes</c> Service
/// (k/k pkg/controlplane/reconcilers/lease.go and endpointsadapter.go): Endpoints listing each apiserver's address
/// with the https port, marked skip-mirror, and an EndpointSlice named exactly "kubernetes" with only the
/// service-name label and no owner.
/// </summary>
public static class KubernetesServiceEndpoints
{
    public const string Namespace = "default";
    public const string Name = "kubernetes";
    public const string PortName = "https";

    public static V1Endpoints Endpoints(string address, int port) => new()
    {
        ApiVersion = "v1",
        Kind = "Endpoints",
        Metadata = new V1ObjectMeta
        {
            Name = Name,
            NamespaceProperty = Namespace,
            Labels = new Dictionary<string, string> { [EndpointLabels.SkipMirror] = "true" },
        },
        Subsets =
        [
            new V1EndpointSubset
            {
                Addresses = [new V1EndpointAddress { Ip = address }],
                Ports = [new Corev1EndpointPort { Name = PortName, Port = port, Protocol = "TCP" }],
            },
        ],
    };

    public static V1EndpointSlice Slice(string address, int port) => new()
    {
        ApiVersion = "discovery.k8s.io/v1",
        Kind = "EndpointSlice",
        Metadata = new V1ObjectMeta
        {
            Name = Name,
            NamespaceProperty = Namespace,
            Labels = new Dictionary<string, string> { [EndpointLabels.ServiceName] = Name },
        },
        AddressType = address.Contains(':', StringComparison.Ordinal) ? "IPv6" : "IPv4",
        Endpoints = [new V1Endpoint { Addresses = [address], Conditions = new V1EndpointConditions { Ready = true } }],
        Ports = [new Discoveryv1EndpointPort { Name = PortName, Port = port, Protocol = "TCP" }],
    };
}
