namespace Emulator.Domain.Dns;

/// <summary>What DNS needs of a Service (CoreDNS plugin/kubernetes/object/service.go).</summary>
public sealed record DnsService(
    string Namespace,
    string Name,
    DnsServiceKind Kind,
    IReadOnlyList<string> ClusterIps,
    string ExternalName,
    IReadOnlyList<DnsPort> Ports)
{
    /// <summary>Ready endpoints, one entry per EndpointSlice labelled with this service's name.</summary>
    public IReadOnlyList<DnsEndpointSlice> Slices { get; init; } = [];
}
